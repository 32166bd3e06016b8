<?php
/**
 * The site's own endpoint for "send to the consultant" (setting "Receive
 * results on this site"): POST /wp-json/changecost/v1/submit stores each
 * submission (includes/submissions.php) and e-mails the site's admin.
 * Public and without a nonce, so limited in size and rate.
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

/** The route. */
function changecost_register_route() {
	register_rest_route(
		'changecost/v1',
		'/submit',
		array(
			'methods'             => 'POST',
			'callback'            => 'changecost_submit',
			// A public form: the visitor is not logged in, and the page that
			// carries the calculator may be cached, so there is no nonce to
			// check. Size and rate limits below stand in for it.
			'permission_callback' => '__return_true',
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
 * The client's address as this server sees it (REMOTE_ADDR; a site behind a
 * proxy may pass the real one through the filter `changecost_client_ip`).
 *
 * @return string
 */
function changecost_client_ip() {
	$ip = isset( $_SERVER['REMOTE_ADDR'] ) ? sanitize_text_field( wp_unslash( $_SERVER['REMOTE_ADDR'] ) ) : '';
	return (string) apply_filters( 'changecost_client_ip', $ip );
}

/**
 * A fixed-window counter in a transient: seconds until the window ends when
 * `limit` is reached, else 0.
 *
 * @param string $key    The transient.
 * @param int    $limit  Requests per window.
 * @param int    $window The window, in seconds.
 * @return int
 */
function changecost_rate_wait( $key, $limit, $window ) {
	$entry = get_transient( $key );
	$now   = time();
	if ( ! is_array( $entry ) || ! isset( $entry['start'], $entry['count'] ) || (int) $entry['start'] + $window <= $now ) {
		return 0;
	}
	return (int) $entry['count'] >= $limit ? max( 1, (int) $entry['start'] + $window - $now ) : 0;
}

/**
 * Counts one request in a counter of changecost_rate_wait.
 *
 * @param string $key    The transient.
 * @param int    $window The window, in seconds.
 */
function changecost_rate_count( $key, $window ) {
	$entry = get_transient( $key );
	$now   = time();
	if ( ! is_array( $entry ) || ! isset( $entry['start'], $entry['count'] ) || (int) $entry['start'] + $window <= $now ) {
		$entry = array(
			'start' => $now,
			'count' => 0,
		);
	}
	$entry['count'] = (int) $entry['count'] + 1;
	set_transient( $key, $entry, max( 1, (int) $entry['start'] + $window - $now ) );
}

/**
 * The two counters: this client's (its address hashed, never stored as such) and the site's.
 *
 * @return array<int,array{0:string,1:int,2:int}> Key, limit, window.
 */
function changecost_rate_limits() {
	return array(
		array( 'changecost_rate_' . wp_hash( changecost_client_ip() ), CHANGECOST_RATE_IP, CHANGECOST_RATE_IP_WINDOW ),
		array( 'changecost_rate_site', CHANGECOST_RATE_SITE, CHANGECOST_RATE_SITE_WINDOW ),
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

	$limits = changecost_rate_limits();
	foreach ( $limits as $limit ) {
		$wait = changecost_rate_wait( $limit[0], $limit[1], $limit[2] );
		if ( $wait > 0 ) {
			$response = new WP_REST_Response(
				array(
					'code'    => 'changecost_rate_limited',
					'message' => 'Too many submissions; try again later.',
					'data'    => array( 'status' => 429 ),
				),
				429
			);
			$response->header( 'Retry-After', (string) $wait );
			return $response;
		}
	}

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
	$email = '';
	if ( '' !== trim( $fields['email'] ) ) {
		$email = sanitize_email( $fields['email'] );
		if ( ! is_email( $email ) ) {
			return changecost_submit_error( 'changecost_invalid', 'email is not an e-mail address.', 400 );
		}
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

	$submission = array(
		'text'    => $text,
		'name'    => sanitize_text_field( $fields['name'] ),
		'email'   => $email,
		'message' => changecost_clean_text( $fields['message'] ),
		'link'    => $link,
		'lang'    => $lang,
	);
	$id = changecost_store_submission( $submission );
	if ( ! $id ) {
		return changecost_submit_error( 'changecost_not_stored', 'The submission could not be stored.', 500 );
	}
	foreach ( $limits as $limit ) {
		changecost_rate_count( $limit[0], $limit[2] );
	}
	changecost_mail_submission( $submission );
	return new WP_REST_Response( array( 'ok' => true ), 201 );
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
