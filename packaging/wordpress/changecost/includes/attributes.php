<?php
/**
 * The element's attributes: the one list (the element reports the same as
 * its observedAttributes; tests/dist/wordpress.spec.js checks it), and the
 * site-wide defaults of the settings page.
 *
 * @package changecost
 */

defined( 'ABSPATH' ) || exit;

/**
 * Every attribute of <change-cost>, in the element's order.
 *
 * @return string[]
 */
function changecost_attributes() {
	return array(
		'lang',
		'currency',
		'rate',
		'hours',
		'hours-low',
		'hours-high',
		'premium',
		'fixed-price',
		'allowance',
		'cr-rate',
		'cr-admin',
		'switch',
		'vat',
		'cap',
		'overhead',
		'multipliers',
		'remaining',
		'trials',
		'models',
		'lock',
		'storage-key',
		'persist',
		'theme',
		'preset',
		'contact',
		'example',
		'endpoint',
		'endpoint-format',
	);
}

/**
 * The settings a client may be kept from editing (the element's `lock`).
 *
 * @return string[]
 */
function changecost_lockable() {
	return array( 'rate', 'currency', 'premium', 'fixed-price', 'allowance', 'cr-rate', 'cr-admin', 'switch', 'cap', 'vat', 'multipliers', 'remaining' );
}

/**
 * The block attribute for an element attribute: camelCase (hours-low is
 * hoursLow); `lock` is `locked`, since every block already has a `lock`.
 *
 * @param string $name The element's attribute.
 * @return string
 */
function changecost_block_key( $name ) {
	if ( 'lock' === $name ) {
		return 'locked';
	}
	return lcfirst( str_replace( ' ', '', ucwords( str_replace( '-', ' ', $name ) ) ) );
}

/**
 * The site-wide defaults of the settings page, sanitized; empty ones left out.
 *
 * @return array<string,string>
 */
function changecost_site_defaults() {
	$saved = get_option( 'changecost_defaults', array() );
	if ( ! is_array( $saved ) ) {
		return array();
	}
	$out = array();
	foreach ( array( 'rate', 'hours', 'currency', 'lang', 'contact', 'lock', 'persist' ) as $name ) {
		if ( isset( $saved[ $name ] ) && is_string( $saved[ $name ] ) && '' !== $saved[ $name ] ) {
			$out[ $name ] = $saved[ $name ];
		}
	}
	return $out;
}
