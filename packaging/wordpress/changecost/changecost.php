<?php
/**
 * Plugin Name:       changecost
 * Plugin URI:        https://github.com/
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

add_action( 'init', 'changecost_init' );

/** Texts, the shortcode, the block. */
function changecost_init() {
	load_plugin_textdomain( 'changecost', false, dirname( plugin_basename( CHANGECOST_FILE ) ) . '/languages' );
	add_shortcode( 'changecost', 'changecost_shortcode' );
	changecost_register_block();
}
