<?php
/**
 * The block changecost/calculator: rendered on the server (the same markup
 * as the shortcode), edited in the sidebar.
 *
 * @package changecost
 */

defined( 'ABSPATH' ) || exit;

/** Registers the editor script (with its German texts) and the block. */
function changecost_register_block() {
	if ( ! function_exists( 'register_block_type' ) ) {
		return;
	}
	wp_register_script(
		'changecost-block-editor',
		plugins_url( 'block/index.js', CHANGECOST_FILE ),
		array( 'wp-blocks', 'wp-element', 'wp-block-editor', 'wp-components', 'wp-i18n' ),
		CHANGECOST_VERSION,
		true
	);
	wp_set_script_translations( 'changecost-block-editor', 'changecost', CHANGECOST_DIR . '/languages' );
	wp_localize_script(
		'changecost-block-editor',
		'changecostBlock',
		array(
			'attributes' => changecost_attributes(),
			'lockable'   => changecost_lockable(),
			'defaults'   => (object) ( changecost_receives() ? array_merge( changecost_site_defaults(), array( 'endpoint' => changecost_submit_url() ) ) : changecost_site_defaults() ),
		)
	);
	register_block_type( CHANGECOST_DIR . '/block', array( 'render_callback' => 'changecost_render_block' ) );
}

/**
 * Server-side render: block attributes to element attributes.
 *
 * @param array $attributes The block's attributes.
 * @return string
 */
function changecost_render_block( $attributes ) {
	$given = array();
	foreach ( changecost_attributes() as $name ) {
		$key = changecost_block_key( $name );
		if ( isset( $attributes[ $key ] ) && is_string( $attributes[ $key ] ) ) {
			$given[ $name ] = $attributes[ $key ];
		}
	}
	$wrapper = function_exists( 'get_block_wrapper_attributes' ) ? get_block_wrapper_attributes() : '';
	return '<div ' . $wrapper . '>' . changecost_render( $given ) . '</div>';
}
