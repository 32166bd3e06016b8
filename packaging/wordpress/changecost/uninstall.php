<?php
/**
 * Removes the plugin's options, its rate table (and the counters of versions
 * before it), its cron event and every submission when it is deleted (on
 * every site of a network), and the screen options users set on its
 * screens.
 *
 * @package changecost
 */

if ( ! defined( 'WP_UNINSTALL_PLUGIN' ) ) {
	exit;
}

/** This site's options, counters and submissions. */
function changecost_uninstall_site() {
	global $wpdb;
	foreach ( array( 'changecost_defaults', 'changecost_receive', 'changecost_proxy', 'changecost_retention', 'changecost_db' ) as $option ) {
		delete_option( $option );
	}
	wp_clear_scheduled_hook( 'changecost_purge' );
	$wpdb->query( "DROP TABLE IF EXISTS {$wpdb->prefix}changecost_rate" ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery,WordPress.DB.DirectDatabaseQuery.SchemaChange
	foreach ( array( '_transient_changecost_', '_transient_timeout_changecost_' ) as $prefix ) {
		$like = $wpdb->esc_like( $prefix ) . '%';
		foreach ( $wpdb->get_col( $wpdb->prepare( "SELECT option_name FROM {$wpdb->options} WHERE option_name LIKE %s", $like ) ) as $name ) { // phpcs:ignore WordPress.DB.DirectDatabaseQuery
			delete_option( $name );
		}
	}
	// Every status, the trash included; the post type need not be registered.
	$ids = $wpdb->get_col( $wpdb->prepare( "SELECT ID FROM {$wpdb->posts} WHERE post_type = %s", 'changecost_result' ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery
	foreach ( $ids as $id ) {
		wp_delete_post( (int) $id, true );
	}
}

if ( is_multisite() ) {
	foreach ( get_sites( array( 'fields' => 'ids', 'number' => 0 ) ) as $changecost_site ) {
		switch_to_blog( $changecost_site );
		changecost_uninstall_site();
		restore_current_blog();
	}
} else {
	changecost_uninstall_site();
}

global $wpdb;
// Screen options of the submissions' screens (edit_changecost_result_per_page,
// manageedit-changecost_resultcolumnshidden, closedpostboxes_changecost_result,
// metaboxhidden_changecost_result, meta-box-order_changecost_result, each
// also with a site's table prefix on a network): one user table for all sites.
$changecost_like = '%' . $wpdb->esc_like( 'changecost_result' ) . '%';
foreach ( $wpdb->get_col( $wpdb->prepare( "SELECT DISTINCT meta_key FROM {$wpdb->usermeta} WHERE meta_key LIKE %s", $changecost_like ) ) as $changecost_key ) { // phpcs:ignore WordPress.DB.DirectDatabaseQuery
	delete_metadata( 'user', 0, $changecost_key, '', true );
}
