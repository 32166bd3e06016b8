<?php
/**
 * Visitors' submissions and WordPress's privacy tools: an exporter and an
 * eraser by e-mail address (Tools > Export / Erase Personal Data), deletion
 * after the retention period (Settings > changecost, 90 days unless set
 * otherwise; WP-Cron, daily), and a suggested text for the privacy policy.
 *
 * @package changecost
 */

defined( 'ABSPATH' ) || exit;

/** Submissions per page of the exporter and the eraser. */
const CHANGECOST_PRIVACY_PAGE = 50;

add_filter( 'wp_privacy_personal_data_exporters', 'changecost_register_exporter' );
add_filter( 'wp_privacy_personal_data_erasers', 'changecost_register_eraser' );
add_action( 'admin_init', 'changecost_privacy_policy' );
add_action( 'changecost_purge', 'changecost_purge' );

/**
 * Days after which submissions are deleted; 0 keeps them.
 *
 * @return int
 */
function changecost_retention_days() {
	$days = get_option( 'changecost_retention', 90 );
	return is_numeric( $days ) ? max( 0, (int) $days ) : 90;
}

/**
 * The exporter.
 *
 * @param array $exporters WordPress's exporters.
 * @return array
 */
function changecost_register_exporter( $exporters ) {
	$exporters['changecost'] = array(
		'exporter_friendly_name' => __( 'changecost submissions', 'changecost' ),
		'callback'               => 'changecost_privacy_export',
	);
	return $exporters;
}

/**
 * The eraser.
 *
 * @param array $erasers WordPress's erasers.
 * @return array
 */
function changecost_register_eraser( $erasers ) {
	$erasers['changecost'] = array(
		'eraser_friendly_name' => __( 'changecost submissions', 'changecost' ),
		'callback'             => 'changecost_privacy_erase',
	);
	return $erasers;
}

/**
 * The submissions sent with an e-mail address, oldest first, every status
 * (the trash too).
 *
 * @param string $email  The address (compared without regard to case).
 * @param int    $offset How many to skip.
 * @return int[]
 */
function changecost_submissions_of( $email, $offset ) {
	global $wpdb;
	$ids = $wpdb->get_col( // phpcs:ignore WordPress.DB.DirectDatabaseQuery
		$wpdb->prepare(
			"SELECT p.ID FROM {$wpdb->posts} p INNER JOIN {$wpdb->postmeta} m ON m.post_id = p.ID
			WHERE p.post_type = %s AND m.meta_key = %s AND LOWER(m.meta_value) = LOWER(%s)
			ORDER BY p.ID LIMIT %d OFFSET %d",
			'changecost_result',
			'_changecost_email',
			(string) $email,
			CHANGECOST_PRIVACY_PAGE,
			max( 0, (int) $offset )
		)
	);
	return array_map( 'intval', $ids );
}

/**
 * Exports one page of a visitor's submissions.
 *
 * @param string $email The visitor's address.
 * @param int    $page  The page, from 1.
 * @return array{data:array,done:bool}
 */
function changecost_privacy_export( $email, $page = 1 ) {
	$ids  = changecost_submissions_of( $email, ( max( 1, (int) $page ) - 1 ) * CHANGECOST_PRIVACY_PAGE );
	$data = array();
	foreach ( $ids as $id ) {
		$post = get_post( $id );
		if ( ! $post ) {
			continue;
		}
		$fields = array(
			__( 'Received', 'changecost' )             => get_the_date( 'Y-m-d H:i', $post ),
			__( 'Name', 'changecost' )                 => changecost_result_field( $id, 'name' ),
			__( 'E-mail', 'changecost' )               => changecost_result_field( $id, 'email' ),
			__( 'Message', 'changecost' )              => changecost_result_field( $id, 'message' ),
			__( 'Link to the scenario', 'changecost' ) => changecost_result_field( $id, 'link' ),
			__( 'Language', 'changecost' )             => changecost_result_field( $id, 'lang' ),
			__( 'Text sent', 'changecost' )            => (string) get_post_field( 'post_content', $id, 'raw' ),
		);
		$rows   = array();
		foreach ( $fields as $name => $value ) {
			if ( '' !== $value ) {
				$rows[] = array(
					'name'  => $name,
					'value' => $value,
				);
			}
		}
		$data[] = array(
			'group_id'          => 'changecost-submissions',
			'group_label'       => __( 'Calculations sent to the consultant', 'changecost' ),
			'group_description' => __( 'What you sent with "Send to the consultant" in the cost calculator.', 'changecost' ),
			'item_id'           => 'changecost-result-' . $id,
			'data'              => $rows,
		);
	}
	return array(
		'data' => $data,
		'done' => count( $ids ) < CHANGECOST_PRIVACY_PAGE,
	);
}

/**
 * Deletes a visitor's submissions, one page at a time.
 *
 * @param string $email The visitor's address.
 * @param int    $page  The page (unused: what is deleted is gone from the next query).
 * @return array{items_removed:bool,items_retained:bool,messages:string[],done:bool}
 */
function changecost_privacy_erase( $email, $page = 1 ) { // phpcs:ignore Generic.CodeAnalysis.UnusedFunctionParameter.FoundAfterLastUsed
	$ids     = changecost_submissions_of( $email, 0 );
	$removed = false;
	foreach ( $ids as $id ) {
		$removed = (bool) wp_delete_post( $id, true ) || $removed;
	}
	return array(
		'items_removed'  => $removed,
		'items_retained' => false,
		'messages'       => array(),
		'done'           => count( $ids ) < CHANGECOST_PRIVACY_PAGE,
	);
}

/**
 * WP-Cron, daily: deletes submissions older than the retention period
 * (in batches, at most 2,000 a run), and rate buckets whose window ended.
 */
function changecost_purge() {
	global $wpdb;
	$days = changecost_retention_days();
	if ( $days > 0 ) {
		$before = gmdate( 'Y-m-d H:i:s', time() - $days * DAY_IN_SECONDS );
		for ( $batch = 0; $batch < 20; $batch++ ) {
			$ids = $wpdb->get_col( $wpdb->prepare( "SELECT ID FROM {$wpdb->posts} WHERE post_type = %s AND post_date_gmt < %s ORDER BY ID LIMIT 100", 'changecost_result', $before ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery
			foreach ( $ids as $id ) {
				wp_delete_post( (int) $id, true );
			}
			if ( count( $ids ) < 100 ) {
				break;
			}
		}
	}
	changecost_rate_prune( CHANGECOST_RATE_SITE_WINDOW );
}

/** The suggested text for the privacy policy (Settings > Privacy > Policy Guide), in the admin's language. */
function changecost_privacy_policy() {
	if ( ! function_exists( 'wp_add_privacy_policy_content' ) ) {
		return;
	}
	$days = changecost_retention_days();
	if ( 0 === $days ) {
		$keep = __( 'Submissions are kept until we delete them.', 'changecost' );
	} elseif ( 1 === $days ) {
		$keep = __( 'Submissions are deleted after one day.', 'changecost' );
	} else {
		/* translators: %d: days (2 or more). */
		$keep = sprintf( __( 'Submissions are deleted after %d days.', 'changecost' ), $days );
	}
	$text = array(
		__( 'Our cost calculator runs in your browser. What you enter in it stays there unless you send it to us; the calculator sets no cookies.', 'changecost' ),
		__( 'When you choose "Send to the consultant" and agree, we receive the text shown to you before sending, and the name, e-mail address and message you enter. We keep them on this website and receive them by e-mail, so that we can answer you.', 'changecost' ) . ' ' . $keep,
		__( 'To limit misuse, the website counts submissions per visitor for up to an hour, by a keyed hash of the IP address (the address itself is not stored).', 'changecost' ),
	);
	wp_add_privacy_policy_content( 'changecost', '<p>' . implode( '</p><p>', array_map( 'esc_html', $text ) ) . '</p>' );
}
