<?php
/**
 * Plugin Name:       changecost
 * Description:       What will your changes cost? A calculator for your clients: billed by the hour, at a fixed price, capped. Shortcode [changecost], a block, site-wide defaults.
 * Version:           {{VERSION}}
 * Requires at least: 6.1
 * Requires PHP:      7.4
 * Author:            changecost
 * License:           MIT OR Apache-2.0
 * Text Domain:       changecost
 * Domain Path:       /languages
 *
 * @package changecost
 */

defined( 'ABSPATH' ) || exit;

define( 'CHANGECOST_VERSION', '{{VERSION}}' );
define( 'CHANGECOST_FILE', __FILE__ );
define( 'CHANGECOST_DIR', __DIR__ );

require_once __DIR__ . '/includes/attributes.php';
require_once __DIR__ . '/includes/render.php';
require_once __DIR__ . '/includes/block.php';
require_once __DIR__ . '/includes/settings.php';
require_once __DIR__ . '/includes/submit.php';
require_once __DIR__ . '/includes/submissions.php';
require_once __DIR__ . '/includes/limits.php';
require_once __DIR__ . '/includes/privacy.php';

register_activation_hook( __FILE__, 'changecost_install' );
register_deactivation_hook( __FILE__, 'changecost_deactivate' );
add_action( 'init', 'changecost_init' );

/** Texts, the shortcode, the block; the table and the daily purge if missing. */
function changecost_init() {
	load_plugin_textdomain( 'changecost', false, dirname( plugin_basename( CHANGECOST_FILE ) ) . '/languages' );
	add_shortcode( 'changecost', 'changecost_shortcode' );
	changecost_register_block();
	// An update by upload runs no activation; each site of a network has its own table.
	if ( CHANGECOST_DB_VERSION !== get_option( 'changecost_db' ) ) {
		changecost_install_table();
	}
	if ( ! wp_next_scheduled( 'changecost_purge' ) ) {
		wp_schedule_event( time() + HOUR_IN_SECONDS, 'daily', 'changecost_purge' );
	}
}

/** Activation: the rate table (includes/limits.php). */
function changecost_install() {
	changecost_install_table();
}

/** Deactivation: no purge while the plugin is off (init schedules it again). */
function changecost_deactivate() {
	wp_clear_scheduled_hook( 'changecost_purge' );
}
