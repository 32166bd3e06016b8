<?php
/**
 * Removes the plugin's options, its rate counters and every submission when
 * it is deleted (on every site of a network).
 *
 * @package changecost
 */

if ( ! defined( 'WP_UNINSTALL_PLUGIN' ) ) {
	exit;
}

/** This site's options, counters and submissions. */
function changecost_uninstall_site() {
	global $wpdb;
	delete_option( 'changecost_defaults' );
	delete_option( 'changecost_receive' );
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
