<?php
/**
 * The site's own endpoint for "send to the consultant" (setting "Receive
 * results on this site"): POST /wp-json/changecost/v1/submit stores each
 * submission (includes/submissions.php) and e-mails the site's admin.
 * Registered only while the setting is on (else WordPress answers 404).
 * Public and without a nonce, so limited in size and rate
 * (includes/limits.php), and refused to another site's pages (Origin).
 *
 * @package changecost
 */

defined( 'ABSPATH' ) || exit;

/** Largest request body, in bytes. */
const CHANGECOST_MAX_BODY = 32768;
/** Longest `text` (the preview), and the other fields, in characters. */
const CHANGECOST_MAX_TEXT    = 20000;
const CHANGECOST_MAX_NAME    = 200;
const CHANGECOST_MAX_EMAIL   = 200;
const CHANGECOST_MAX_MESSAGE = 2000;
/** Submissions per client address and window, and for the whole site. */
const CHANGECOST_RATE_IP          = 5;
const CHANGECOST_RATE_IP_WINDOW   = 600;
const CHANGECOST_RATE_SITE        = 100;
const CHANGECOST_RATE_SITE_WINDOW = 3600;

add_action( 'rest_api_init', 'changecost_register_route' );

/** The route, while the site receives results; otherwise there is none (404). */
function changecost_register_route() {
	if ( ! changecost_receives() ) {
		return;
	}
	register_rest_route(
		'changecost/v1',
		'/submit',
		array(
			'methods'             => 'POST',
			'callback'            => 'changecost_submit',
			// A public form: the visitor is not logged in, and the page that
			// carries the calculator may be cached, so there is no nonce to
			// check. The Origin check and the size and rate limits stand in for it.
			'permission_callback' => 'changecost_submit_permission',
		)
	);
}

/**
 * Whether the site receives results itself (Settings > changecost).
 *
 * @return bool
 */
function changecost_receives() {
	return '1' === (string) get_option( 'changecost_receive', '0' );
}

/**
 * The route's address, for the element's `endpoint`.
 *
 * @return string
 */
function changecost_submit_url() {
	return rest_url( 'changecost/v1/submit' );
}

/**
 * scheme://host[:port] of an address, lower case; '' when it has none.
 *
 * @param string $url The address.
 * @return string
 */
function changecost_origin_of( $url ) {
	$parts = wp_parse_url( (string) $url );
	if ( ! is_array( $parts ) || empty( $parts['scheme'] ) || empty( $parts['host'] ) ) {
		return '';
	}
	return strtolower( $parts['scheme'] . '://' . $parts['host'] . ( isset( $parts['port'] ) ? ':' . $parts['port'] : '' ) );
}

/**
 * The route refuses a browser's request from another site's page: an
 * Origin header that is present and not this site's (home or WordPress
 * address; the filter `changecost_allowed_origins` may add others). Core's
 * REST CORS headers allow any origin, and a form POST needs no preflight,
 * so without this any page could make its visitors submit here. Requests
 * without an Origin (not from a browser's page) pass on to the limits.
 *
 * @param WP_REST_Request $request The request.
 * @return true|WP_Error
 */
function changecost_submit_permission( $request ) {
	$origin = $request->get_header( 'origin' );
	if ( null === $origin || '' === trim( $origin ) ) {
		return true;
	}
	$own = array_filter( array( changecost_origin_of( home_url() ), changecost_origin_of( site_url() ) ) );
	/**
	 * The origins whose pages may send to the route (scheme://host[:port]).
	 *
	 * @param string[] $own This site's home and WordPress addresses.
	 */
	$allowed = array_map( 'strtolower', (array) apply_filters( 'changecost_allowed_origins', array_values( $own ) ) );
	if ( in_array( strtolower( trim( $origin ) ), $allowed, true ) ) {
		return true;
	}
	return changecost_submit_error( 'changecost_foreign_origin', 'Submissions are accepted only from this site\'s own pages.', 403 );
}

/**
 * Whether an IP address lies in one of the ranges (addresses, or CIDR
 * ranges such as 203.0.113.0/24 or 2001:db8::/32).
 *
 * @param string   $ip     The address.
 * @param string[] $ranges The ranges.
 * @return bool
 */
function changecost_ip_in( $ip, $ranges ) {
	$packed = @inet_pton( $ip ); // phpcs:ignore WordPress.PHP.NoSilencedErrors.Discouraged -- false for an invalid address.
	if ( false === $packed ) {
		return false;
	}
	foreach ( $ranges as $range ) {
		$parts = explode( '/', (string) $range, 2 );
		$net   = @inet_pton( $parts[0] ); // phpcs:ignore WordPress.PHP.NoSilencedErrors.Discouraged
		if ( false === $net || strlen( $net ) !== strlen( $packed ) ) {
			continue;
		}
		$bits = isset( $parts[1] ) && preg_match( '/^\d{1,3}$/', $parts[1] ) ? min( (int) $parts[1], 8 * strlen( $net ) ) : 8 * strlen( $net );
		$full = intdiv( $bits, 8 );
		if ( substr( $packed, 0, $full ) !== substr( $net, 0, $full ) ) {
			continue;
		}
		$rest = $bits % 8;
		if ( 0 === $rest || ( ( ord( $packed[ $full ] ) ^ ord( $net[ $full ] ) ) & ( 0xff << ( 8 - $rest ) ) & 0xff ) === 0 ) {
			return true;
		}
	}
	return false;
}

/**
 * The client's address: REMOTE_ADDR, unless Settings > changecost names the
 * header a proxy or CDN puts the visitor's address in and REMOTE_ADDR is one
 * of the proxy addresses given there. Then the header's addresses are read
 * from the right (the one the proxy added) past those of the proxies
 * themselves. A site may also pass the address through the filter
 * `changecost_client_ip`.
 *
 * @return string
 */
function changecost_client_ip() {
	$remote = isset( $_SERVER['REMOTE_ADDR'] ) ? trim( sanitize_text_field( wp_unslash( $_SERVER['REMOTE_ADDR'] ) ) ) : '';
	$ip     = $remote;
	$proxy  = changecost_proxy_settings();
	if ( '' !== $proxy['header'] && '' !== $remote && changecost_ip_in( $remote, $proxy['ranges'] ) ) {
		$key   = 'HTTP_' . strtoupper( str_replace( '-', '_', $proxy['header'] ) );
		$value = isset( $_SERVER[ $key ] ) ? sanitize_text_field( wp_unslash( $_SERVER[ $key ] ) ) : '';
		foreach ( array_reverse( explode( ',', $value ) ) as $candidate ) {
			$candidate = trim( $candidate );
			if ( false === filter_var( $candidate, FILTER_VALIDATE_IP ) ) {
				break;
			}
			$ip = $candidate;
			if ( ! changecost_ip_in( $candidate, $proxy['ranges'] ) ) {
				break;
			}
		}
	}
	/**
	 * The visitor's address, for the rate limit per visitor.
	 *
	 * @param string $ip REMOTE_ADDR, or the address the trusted proxy's header gave.
	 */
	return (string) apply_filters( 'changecost_client_ip', $ip );
}

/**
 * The proxy settings (Settings > changecost): the header ('' for none) and
 * the proxies' addresses.
 *
 * @return array{header:string,ranges:string[]}
 */
function changecost_proxy_settings() {
	$saved  = get_option( 'changecost_proxy', array() );
	$header = is_array( $saved ) && isset( $saved['header'] ) && in_array( $saved['header'], changecost_proxy_headers(), true ) ? $saved['header'] : '';
	$ranges = is_array( $saved ) && isset( $saved['proxies'] ) && is_string( $saved['proxies'] ) ? preg_split( '/[\s,]+/', $saved['proxies'], -1, PREG_SPLIT_NO_EMPTY ) : array();
	return array(
		'header' => $header,
		'ranges' => $ranges,
	);
}

/**
 * The headers a proxy or CDN may carry the visitor's address in.
 *
 * @return string[]
 */
function changecost_proxy_headers() {
	return array( 'X-Forwarded-For', 'X-Real-IP', 'CF-Connecting-IP', 'True-Client-IP' );
}

/**
 * The two buckets: this client's (its address hashed, never stored as such) and the site's.
 *
 * @return array<int,array{0:string,1:int,2:int}> Bucket, limit, window.
 */
function changecost_rate_limits() {
	return array(
		array( 'ip:' . wp_hash( changecost_client_ip() ), CHANGECOST_RATE_IP, CHANGECOST_RATE_IP_WINDOW ),
		array( 'site', CHANGECOST_RATE_SITE, CHANGECOST_RATE_SITE_WINDOW ),
	);
}

/**
 * An error answer.
 *
 * @param string $code    The code.
 * @param string $message What is wrong, in English (the widget shows its own text).
 * @param int    $status  The HTTP status.
 * @return WP_Error
 */
function changecost_submit_error( $code, $message, $status ) {
	return new WP_Error( $code, $message, array( 'status' => $status ) );
}

/**
 * POST /changecost/v1/submit: JSON or form-encoded `text` (required), `name`,
 * `email`, `message`, `link`, `lang`. 201 `{"ok":true}` when stored.
 *
 * @param WP_REST_Request $request The request.
 * @return WP_REST_Response|WP_Error
 */
function changecost_submit( $request ) {
	$body = (string) $request->get_body();
	$size = '' !== $body ? strlen( $body ) : strlen( http_build_query( (array) $request->get_body_params() ) );
	if ( $size > CHANGECOST_MAX_BODY ) {
		return changecost_submit_error( 'changecost_too_large', 'The submission is larger than 32 KB.', 413 );
	}

	// A slot in each bucket before anything else; given back if the request fails below.
	$taken = array();
	foreach ( changecost_rate_limits() as $limit ) {
		$slot = changecost_rate_reserve( $limit[0], $limit[1], $limit[2] );
		if ( ! $slot['ok'] ) {
			changecost_rate_give_back( $taken );
			$response = new WP_REST_Response(
				array(
					'code'    => 'changecost_rate_limited',
					'message' => 'Too many submissions; try again later.',
					'data'    => array( 'status' => 429 ),
				),
				429
			);
			$response->header( 'Retry-After', (string) $slot['wait'] );
			return $response;
		}
		$taken[ $limit[0] ] = $slot['started'];
	}

	$submission = changecost_submission_fields( $request );
	if ( is_wp_error( $submission ) ) {
		changecost_rate_give_back( $taken );
		return $submission;
	}
	$id = changecost_store_submission( $submission );
	if ( ! $id ) {
		changecost_rate_give_back( $taken );
		return changecost_submit_error( 'changecost_not_stored', 'The submission could not be stored.', 500 );
	}
	changecost_mail_submission( $submission );
	return new WP_REST_Response( array( 'ok' => true ), 201 );
}

/**
 * Gives back the slots a refused request took.
 *
 * @param array<string,int> $taken Bucket => the window's start.
 */
function changecost_rate_give_back( $taken ) {
	foreach ( $taken as $bucket => $started ) {
		changecost_rate_release( $bucket, $started );
	}
}

/**
 * The request's fields, checked and sanitized; nothing is repaired: a
 * field that is not what it must be refuses the request (400).
 *
 * @param WP_REST_Request $request The request.
 * @return array<string,string>|WP_Error
 */
function changecost_submission_fields( $request ) {
	$params = $request->get_json_params();
	if ( ! is_array( $params ) ) {
		$params = (array) $request->get_body_params();
	}
	$fields = array();
	foreach ( array( 'text', 'name', 'email', 'message', 'link', 'lang' ) as $name ) {
		$value = isset( $params[ $name ] ) ? $params[ $name ] : '';
		if ( ! is_string( $value ) ) {
			return changecost_submit_error( 'changecost_invalid', sprintf( '%s must be a string.', $name ), 400 );
		}
		$fields[ $name ] = $value;
	}
	$lengths = array(
		'text'    => CHANGECOST_MAX_TEXT,
		'name'    => CHANGECOST_MAX_NAME,
		'email'   => CHANGECOST_MAX_EMAIL,
		'message' => CHANGECOST_MAX_MESSAGE,
		'link'    => CHANGECOST_MAX_TEXT,
		'lang'    => 20,
	);
	foreach ( $lengths as $name => $max ) {
		if ( mb_strlen( $fields[ $name ], 'UTF-8' ) > $max ) {
			return changecost_submit_error( 'changecost_invalid', sprintf( '%1$s is longer than %2$d characters.', $name, $max ), 400 );
		}
	}

	$text = changecost_clean_text( $fields['text'] );
	if ( '' === $text ) {
		return changecost_submit_error( 'changecost_invalid', 'text is required.', 400 );
	}
	// The address as sent (spaces around it aside) must be one: no control
	// characters, nothing sanitize_email would remove or change.
	$email = trim( $fields['email'], ' ' );
	if ( '' !== $email && ( preg_match( '/[\x00-\x1F\x7F]/', $email ) || ! is_email( $email ) || sanitize_email( $email ) !== $email ) ) {
		return changecost_submit_error( 'changecost_invalid', 'email is not an e-mail address.', 400 );
	}
	$link = '';
	if ( '' !== trim( $fields['link'] ) ) {
		$link = esc_url_raw( trim( $fields['link'] ), array( 'http', 'https' ) );
		$host = wp_parse_url( $link, PHP_URL_HOST );
		$home = wp_parse_url( home_url(), PHP_URL_HOST );
		if ( '' === $link || ! is_string( $host ) || ! is_string( $home ) || strtolower( $host ) !== strtolower( $home ) ) {
			return changecost_submit_error( 'changecost_invalid', 'link must be an address on this site.', 400 );
		}
	}
	$lang = trim( $fields['lang'] );
	$lang = preg_match( '/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})?$/', $lang ) ? $lang : '';

	return array(
		'text'    => $text,
		'name'    => sanitize_text_field( $fields['name'] ),
		'email'   => $email,
		'message' => changecost_clean_text( $fields['message'] ),
		'link'    => $link,
		'lang'    => $lang,
	);
}

/**
 * Plain text as the visitor saw it in the preview: valid UTF-8, line breaks
 * and tabs kept, other control characters removed, the ends trimmed.
 * Unlike sanitize_textarea_field it keeps "<" and "%xx" (a title may say
 * "< 2 days"; a link may be percent-encoded); it is only ever shown
 * escaped (esc_html, esc_textarea) and mailed as plain text.
 *
 * @param string $text The submitted text.
 * @return string
 */
function changecost_clean_text( $text ) {
	$text = wp_check_invalid_utf8( (string) $text, true );
	$text = str_replace( array( "\r\n", "\r" ), "\n", $text );
	$text = preg_replace( '/[\x00-\x08\x0B-\x1F\x7F]/u', '', $text );
	return trim( (string) $text );
}

/**
 * Tells the site's admin, by wp_mail. A mail that cannot be sent does not
 * fail the submission: it is stored already.
 *
 * @param array<string,string> $submission The sanitized fields.
 */
function changecost_mail_submission( $submission ) {
	$to = get_option( 'admin_email' );
	if ( ! is_string( $to ) || ! is_email( $to ) ) {
		return;
	}
	$site    = wp_specialchars_decode( (string) get_option( 'blogname' ), ENT_QUOTES );
	$from    = '' !== $submission['name'] ? $submission['name'] : __( 'a visitor', 'changecost' );
	/* translators: 1: the site's name, 2: the visitor's name or "a visitor". */
	$subject = sprintf( __( '[%1$s] changecost: new calculation from %2$s', 'changecost' ), $site, $from );
	$headers = array( 'Content-Type: text/plain; charset=UTF-8' );
	if ( '' !== $submission['email'] ) {
		$headers[] = 'Reply-To: ' . $submission['email'];
	}
	try {
		wp_mail( $to, $subject, $submission['text'], $headers );
	} catch ( Throwable $e ) { // phpcs:ignore Generic.CodeAnalysis.EmptyStatement.DetectedCatch
		// The submission is stored; the admin finds it under changecost > Submissions.
	}
}
