<?php
/**
 * The shortcode [changecost ...] and the block both render <change-cost>
 * here, with the site-wide defaults under their own attributes, and enqueue
 * the calculator's module script for this page only.
 *
 * @package changecost
 */

defined( 'ABSPATH' ) || exit;

/**
 * The release bundle's manifest (assets/manifest.json).
 *
 * @return array|null
 */
function changecost_manifest() {
	static $manifest = false;
	if ( false === $manifest ) {
		$manifest = null;
		$file     = CHANGECOST_DIR . '/assets/manifest.json';
		if ( is_readable( $file ) ) {
			$data = json_decode( (string) file_get_contents( $file ), true ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_get_contents_file_get_contents
			if ( is_array( $data ) && isset( $data['script'], $data['integrity'] ) ) {
				$manifest = $data;
			}
		}
	}
	return $manifest;
}

/**
 * Enqueues the module script: wp_enqueue_script_module where WordPress has
 * it (6.5 and later), else a classic enqueue printed as type="module".
 * Both carry the script's Subresource Integrity hash.
 */
function changecost_enqueue() {
	$manifest = changecost_manifest();
	if ( ! $manifest ) {
		return;
	}
	$src = plugins_url( 'assets/' . $manifest['script'], CHANGECOST_FILE );
	if ( function_exists( 'wp_enqueue_script_module' ) ) {
		wp_enqueue_script_module( 'changecost', $src, array(), null );
	} else {
		wp_enqueue_script( 'changecost', $src, array(), null, true );
	}
}

/**
 * The older route: the classic script tag becomes a module with integrity.
 *
 * @param string $tag    The script tag.
 * @param string $handle Its handle.
 * @param string $src    Its address.
 * @return string
 */
function changecost_script_tag( $tag, $handle, $src ) {
	if ( 'changecost' !== $handle ) {
		return $tag;
	}
	$manifest = changecost_manifest();
	return sprintf(
		'<script type="module" src="%s" integrity="%s" crossorigin="anonymous" id="changecost-js"></script>' . "\n",
		esc_url( $src ),
		esc_attr( $manifest ? $manifest['integrity'] : '' )
	);
}
add_filter( 'script_loader_tag', 'changecost_script_tag', 10, 3 );

/**
 * The module route (WordPress 6.5 and later): integrity on the module's tag.
 *
 * @param array $attributes The script tag's attributes.
 * @return array
 */
function changecost_module_attributes( $attributes ) {
	if ( is_array( $attributes ) && isset( $attributes['id'] ) && 'changecost-js-module' === $attributes['id'] ) {
		$manifest = changecost_manifest();
		if ( $manifest ) {
			$attributes['integrity']   = $manifest['integrity'];
			$attributes['crossorigin'] = 'anonymous';
		}
	}
	return $attributes;
}
add_filter( 'wp_script_attributes', 'changecost_module_attributes' );

/**
 * Once per page, before the first calculator: a preload hint, so that the
 * browser fetches the wasm while it reads on, not only once the script in
 * the footer has run (one round trip less on a real connection; the loader
 * fetches it the same way, so the download is reused, not repeated).
 *
 * @return string
 */
function changecost_preload() {
	static $done = false;
	$manifest    = changecost_manifest();
	if ( $done || ! $manifest || ! isset( $manifest['wasm'], $manifest['wasmIntegrity'] ) ) {
		return '';
	}
	$done = true;
	// The loader fetches the wasm with its integrity; a preload is reused only
	// by a request with the same integrity.
	return sprintf(
		'<link rel="preload" href="%s" as="fetch" integrity="%s" crossorigin="anonymous">',
		esc_url( plugins_url( 'assets/' . $manifest['wasm'], CHANGECOST_FILE ) ),
		esc_attr( $manifest['wasmIntegrity'] )
	);
}

/**
 * <change-cost> with the site's defaults under the given attributes.
 * Unknown names are ignored, every value is escaped.
 *
 * @param array $given Attribute name => value.
 * @return string
 */
function changecost_render( $given ) {
	$known = changecost_attributes();
	$attrs = changecost_site_defaults();
	foreach ( (array) $given as $name => $value ) {
		if ( ! is_string( $name ) || ! in_array( $name, $known, true ) ) {
			continue;
		}
		if ( is_bool( $value ) || is_array( $value ) || is_object( $value ) || null === $value ) {
			continue;
		}
		$value = trim( (string) $value );
		if ( '' === $value ) {
			continue;
		}
		$attrs[ $name ] = changecost_cut( $value, 2000 );
	}
	// "Receive results on this site": the site's own route, unless this calculator names its own.
	if ( ! isset( $attrs['endpoint'] ) && changecost_receives() ) {
		$attrs['endpoint'] = changecost_submit_url();
	}
	changecost_enqueue();
	$html = changecost_preload() . '<change-cost';
	foreach ( $known as $name ) {
		if ( isset( $attrs[ $name ] ) ) {
			$html .= ' ' . $name . '="' . esc_attr( $attrs[ $name ] ) . '"';
		}
	}
	return $html . '></change-cost>';
}

/**
 * At most `$max` bytes of a UTF-8 string, cut between characters (a cut
 * inside one would make the whole value invalid UTF-8, which esc_attr
 * turns into an empty attribute).
 *
 * @param string $value The value.
 * @param int    $max   Bytes.
 * @return string
 */
function changecost_cut( $value, $max ) {
	if ( strlen( $value ) <= $max ) {
		return $value;
	}
	$end = $max;
	// Back over continuation bytes (10xxxxxx) to the start of the character cut through.
	while ( $end > 0 && ( ord( $value[ $end ] ) & 0xC0 ) === 0x80 ) {
		--$end;
	}
	return substr( $value, 0, $end );
}

/**
 * [changecost rate="95" hours="120" lang="de" ...]: every attribute of the element.
 *
 * @param array|string $atts The shortcode's attributes.
 * @return string
 */
function changecost_shortcode( $atts ) {
	$given = array();
	foreach ( (array) $atts as $name => $value ) {
		if ( is_string( $name ) ) {
			$given[ strtolower( $name ) ] = $value;
		}
	}
	return changecost_render( $given );
}
