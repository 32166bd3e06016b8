<?php
/**
 * Submissions received by the site's own endpoint (includes/submit.php):
 * the private post type changecost_result (a post type's name has at most
 * 20 characters), listed under changecost > Submissions for users who may
 * manage options, read-only; the text in post_content, the other fields in
 * meta (_changecost_name, _email, _message, _link, _lang, _date).
 *
 * @package changecost
 */

defined( 'ABSPATH' ) || exit;

// After changecost_init (priority 10), which loads the texts the labels need.
add_action( 'init', 'changecost_register_submissions', 11 );
add_action( 'admin_menu', 'changecost_results_menu' );
add_filter( 'manage_changecost_result_posts_columns', 'changecost_result_columns' );
add_action( 'manage_changecost_result_posts_custom_column', 'changecost_result_column', 10, 2 );
add_filter( 'manage_edit-changecost_result_sortable_columns', 'changecost_result_sortable' );
add_filter( 'post_row_actions', 'changecost_result_row_actions', 10, 2 );
add_filter( 'bulk_actions-edit-changecost_result', 'changecost_result_bulk_actions' );
add_filter( 'display_post_states', 'changecost_result_states', 10, 2 );
add_action( 'add_meta_boxes_changecost_result', 'changecost_result_boxes' );

/** The post type: not public, not in the REST API, every capability manage_options. */
function changecost_register_submissions() {
	$cap = 'manage_options';
	register_post_type(
		'changecost_result',
		array(
			'labels'              => array(
				'name'               => __( 'Submissions', 'changecost' ),
				'singular_name'      => __( 'Submission', 'changecost' ),
				'menu_name'          => 'changecost',
				'all_items'          => __( 'Submissions', 'changecost' ),
				'edit_item'          => __( 'Submission', 'changecost' ),
				'view_item'          => __( 'Submission', 'changecost' ),
				'search_items'       => __( 'Search submissions', 'changecost' ),
				'not_found'          => __( 'No submissions yet.', 'changecost' ),
				'not_found_in_trash' => __( 'No submissions in the trash.', 'changecost' ),
			),
			'public'              => false,
			'publicly_queryable'  => false,
			'exclude_from_search' => true,
			'show_ui'             => true,
			'show_in_menu'        => true,
			'show_in_nav_menus'   => false,
			'show_in_admin_bar'   => false,
			'show_in_rest'        => false,
			'menu_icon'           => 'dashicons-calculator',
			'has_archive'         => false,
			'rewrite'             => false,
			'query_var'           => false,
			'can_export'          => false,
			'supports'            => false,
			'map_meta_cap'        => false,
			'capabilities'        => array(
				'edit_post'              => $cap,
				'read_post'              => $cap,
				'delete_post'            => $cap,
				'edit_posts'             => $cap,
				'edit_others_posts'      => $cap,
				'edit_private_posts'     => $cap,
				'edit_published_posts'   => $cap,
				'delete_posts'           => $cap,
				'delete_others_posts'    => $cap,
				'delete_private_posts'   => $cap,
				'delete_published_posts' => $cap,
				'publish_posts'          => $cap,
				'read_private_posts'     => $cap,
				'read'                   => $cap,
				'create_posts'           => 'do_not_allow',
			),
		)
	);
}

/** changecost > Settings: a link to the settings page (which stays under Settings). */
function changecost_results_menu() {
	add_submenu_page(
		'edit.php?post_type=changecost_result',
		__( 'changecost: site-wide defaults', 'changecost' ),
		__( 'Settings', 'changecost' ),
		'manage_options',
		'options-general.php?page=changecost'
	);
}

/**
 * Stores a submission (sanitized fields) as a private post.
 *
 * @param array<string,string> $submission text, name, email, message, link, lang.
 * @return int The post's id, 0 when it could not be stored.
 */
function changecost_store_submission( $submission ) {
	$first = '' !== trim( $submission['message'] ) ? $submission['message'] : $submission['text'];
	$lines = preg_split( '/\R/u', trim( $first ) );
	$title = mb_substr( sanitize_text_field( (string) $lines[0] ), 0, 120, 'UTF-8' );
	$post  = array(
		'post_type'      => 'changecost_result',
		'post_status'    => 'private',
		'post_title'     => $title,
		'post_content'   => $submission['text'],
		'comment_status' => 'closed',
		'ping_status'    => 'closed',
		'meta_input'     => array(
			'_changecost_name'    => $submission['name'],
			'_changecost_email'   => $submission['email'],
			'_changecost_message' => $submission['message'],
			'_changecost_link'    => $submission['link'],
			'_changecost_lang'    => $submission['lang'],
			'_changecost_date'    => gmdate( 'Y-m-d H:i:s' ),
		),
	);
	// The text is sanitized already and only ever shown escaped; kses (active
	// for a visitor) would turn "R&D" into "R&amp;D".
	$kses = false !== has_filter( 'content_save_pre', 'wp_filter_post_kses' );
	if ( $kses ) {
		kses_remove_filters();
	}
	$id = wp_insert_post( wp_slash( $post ), true );
	if ( $kses ) {
		kses_init_filters();
	}
	return is_wp_error( $id ) ? 0 : (int) $id;
}

/**
 * One field of a submission.
 *
 * @param int    $id   The post.
 * @param string $name name, email, message, link, lang, date.
 * @return string
 */
function changecost_result_field( $id, $name ) {
	$value = get_post_meta( $id, '_changecost_' . $name, true );
	return is_string( $value ) ? $value : '';
}

/**
 * The list's columns: the first line of the message or text, name, e-mail, date.
 *
 * @param array<string,string> $columns WordPress's.
 * @return array<string,string>
 */
function changecost_result_columns( $columns ) {
	return array(
		'cb'                => isset( $columns['cb'] ) ? $columns['cb'] : '<input type="checkbox">',
		'title'             => __( 'Message', 'changecost' ),
		'changecost_name'   => __( 'Name', 'changecost' ),
		'changecost_email'  => __( 'E-mail', 'changecost' ),
		'changecost_date'   => __( 'Received', 'changecost' ),
	);
}

/**
 * A cell of the list.
 *
 * @param string $column The column.
 * @param int    $id     The post.
 */
function changecost_result_column( $column, $id ) {
	if ( 'changecost_name' === $column ) {
		echo esc_html( changecost_result_field( $id, 'name' ) );
	} elseif ( 'changecost_email' === $column ) {
		$email = changecost_result_field( $id, 'email' );
		if ( '' !== $email ) {
			echo '<a href="' . esc_url( 'mailto:' . $email ) . '">' . esc_html( $email ) . '</a>';
		}
	} elseif ( 'changecost_date' === $column ) {
		echo esc_html( get_the_date( 'Y-m-d H:i', $id ) );
	}
}

/**
 * The date column sorts by date.
 *
 * @param array<string,string> $columns Sortable columns.
 * @return array<string,string>
 */
function changecost_result_sortable( $columns ) {
	$columns['changecost_date'] = 'date';
	return $columns;
}

/**
 * Rows can be opened and trashed, not edited inline.
 *
 * @param array<string,string> $actions The row's actions.
 * @param WP_Post              $post    The post.
 * @return array<string,string>
 */
function changecost_result_row_actions( $actions, $post ) {
	if ( $post instanceof WP_Post && 'changecost_result' === $post->post_type ) {
		unset( $actions['inline hide-if-no-js'] );
		if ( isset( $actions['edit'] ) ) {
			$actions['edit'] = '<a href="' . esc_url( get_edit_post_link( $post->ID ) ) . '">' . esc_html__( 'Open', 'changecost' ) . '</a>';
		}
	}
	return $actions;
}

/**
 * No bulk editing.
 *
 * @param array<string,string> $actions Bulk actions.
 * @return array<string,string>
 */
function changecost_result_bulk_actions( $actions ) {
	unset( $actions['edit'] );
	return $actions;
}

/**
 * Every submission is private: no "Private" after each title.
 *
 * @param array<string,string> $states The post's states.
 * @param WP_Post              $post   The post.
 * @return array<string,string>
 */
function changecost_result_states( $states, $post ) {
	if ( $post instanceof WP_Post && 'changecost_result' === $post->post_type ) {
		unset( $states['private'] );
	}
	return $states;
}

/** The edit screen shows the submission, read-only; nothing to save. */
function changecost_result_boxes() {
	remove_meta_box( 'submitdiv', 'changecost_result', 'side' );
	remove_meta_box( 'slugdiv', 'changecost_result', 'normal' );
	add_meta_box( 'changecost-submission', __( 'Submission', 'changecost' ), 'changecost_result_box', 'changecost_result', 'normal', 'high' );
}

/**
 * The submission's fields and its full text. The text is read raw: the
 * edit screen's post has been through format_to_edit, which escapes it
 * already when the user's visual editor is off.
 *
 * @param WP_Post $post The submission.
 */
function changecost_result_box( $post ) {
	$id   = (int) $post->ID;
	$link = changecost_result_field( $id, 'link' );
	$rows = array(
		__( 'Received', 'changecost' )       => esc_html( get_the_date( 'Y-m-d H:i', $post ) ),
		__( 'Name', 'changecost' )           => esc_html( changecost_result_field( $id, 'name' ) ),
		__( 'E-mail', 'changecost' )         => esc_html( changecost_result_field( $id, 'email' ) ),
		__( 'Language', 'changecost' )       => esc_html( changecost_result_field( $id, 'lang' ) ),
		__( 'Link to the scenario', 'changecost' ) => '' !== $link ? '<a href="' . esc_url( $link ) . '" target="_blank" rel="noopener noreferrer">' . esc_html__( 'Open the calculation', 'changecost' ) . '</a>' : '',
	);
	?>
	<table class="form-table" role="presentation">
		<?php foreach ( $rows as $label => $html ) : ?>
		<tr><th scope="row"><?php echo esc_html( $label ); ?></th><td><?php echo $html; // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- escaped above. ?></td></tr>
		<?php endforeach; ?>
		<tr>
			<th scope="row"><label for="changecost-text"><?php esc_html_e( 'Text sent', 'changecost' ); ?></label></th>
			<td><textarea id="changecost-text" class="large-text code" rows="20" readonly><?php echo esc_textarea( (string) get_post_field( 'post_content', $id, 'raw' ) ); ?></textarea></td>
		</tr>
	</table>
	<?php
}
