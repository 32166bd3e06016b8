<?php
/**
 * Settings > changecost: the site-wide defaults (rate, hours, currency,
 * language, contact, locked settings) that a shortcode or block overrides.
 *
 * @package changecost
 */

defined( 'ABSPATH' ) || exit;

add_action( 'admin_init', 'changecost_admin_init' );
add_action( 'admin_menu', 'changecost_admin_menu' );
add_filter( 'plugin_action_links_' . plugin_basename( CHANGECOST_FILE ), 'changecost_action_links' );

/** The option and its sanitizer. */
function changecost_admin_init() {
	register_setting(
		'changecost',
		'changecost_defaults',
		array(
			'type'              => 'array',
			'sanitize_callback' => 'changecost_sanitize_defaults',
			'default'           => array(),
			'show_in_rest'      => false,
		)
	);
	register_setting(
		'changecost',
		'changecost_receive',
		array(
			'type'              => 'string',
			'sanitize_callback' => 'changecost_sanitize_receive',
			'default'           => '0',
			'show_in_rest'      => false,
		)
	);
	register_setting(
		'changecost',
		'changecost_proxy',
		array(
			'type'              => 'array',
			'sanitize_callback' => 'changecost_sanitize_proxy',
			'default'           => array(),
			'show_in_rest'      => false,
		)
	);
	register_setting(
		'changecost',
		'changecost_retention',
		array(
			'type'              => 'integer',
			'sanitize_callback' => 'changecost_sanitize_retention',
			'default'           => 90,
			'show_in_rest'      => false,
		)
	);
}

/**
 * The proxy setting: a header from changecost_proxy_headers() (or none) and
 * the proxies' addresses, one valid address or CIDR range per line.
 *
 * @param mixed $input The submitted values.
 * @return array{header:string,proxies:string}
 */
function changecost_sanitize_proxy( $input ) {
	$input  = is_array( $input ) ? $input : array();
	$header = isset( $input['header'] ) && is_string( $input['header'] ) && in_array( $input['header'], changecost_proxy_headers(), true ) ? $input['header'] : '';
	$given  = isset( $input['proxies'] ) && is_string( $input['proxies'] ) ? preg_split( '/[\s,]+/', $input['proxies'], -1, PREG_SPLIT_NO_EMPTY ) : array();
	$ranges = array();
	foreach ( $given as $range ) {
		$parts = explode( '/', $range, 2 );
		$ip    = filter_var( $parts[0], FILTER_VALIDATE_IP );
		$max   = false !== $ip && false !== strpos( $ip, ':' ) ? 128 : 32;
		if ( false !== $ip && ( ! isset( $parts[1] ) || ( preg_match( '/^\d{1,3}$/', $parts[1] ) && (int) $parts[1] <= $max ) ) ) {
			$ranges[] = $range;
		}
	}
	return array(
		'header'  => $header,
		'proxies' => implode( "\n", array_unique( $ranges ) ),
	);
}

/**
 * Days to keep submissions: 0 (keep) to 3650; anything else is 90.
 *
 * @param mixed $input The submitted value.
 * @return int
 */
function changecost_sanitize_retention( $input ) {
	return is_scalar( $input ) && preg_match( '/^\s*\d{1,4}\s*$/', (string) $input ) ? min( 3650, (int) $input ) : 90;
}

/**
 * "Receive results on this site": '1' or '0'.
 *
 * @param mixed $input The submitted value.
 * @return string
 */
function changecost_sanitize_receive( $input ) {
	return is_scalar( $input ) && '1' === (string) $input ? '1' : '0';
}

/** The page under Settings. */
function changecost_admin_menu() {
	add_options_page(
		__( 'changecost: site-wide defaults', 'changecost' ),
		'changecost',
		'manage_options',
		'changecost',
		'changecost_settings_page'
	);
}

/**
 * "Settings" beside "Deactivate" on the plugins screen.
 *
 * @param string[] $links The links.
 * @return string[]
 */
function changecost_action_links( $links ) {
	$url = admin_url( 'options-general.php?page=changecost' );
	array_unshift( $links, '<a href="' . esc_url( $url ) . '">' . esc_html__( 'Settings', 'changecost' ) . '</a>' );
	return $links;
}

/**
 * A number as the element reads it: digits with an optional dot, or empty.
 *
 * @param mixed $value The input.
 * @return string
 */
function changecost_sanitize_number( $value ) {
	$value = str_replace( ',', '.', trim( (string) $value ) );
	return preg_match( '/^\d{1,9}(\.\d{1,4})?$/', $value ) ? $value : '';
}

/**
 * Sanitizes the settings form; anything unknown or invalid is dropped.
 *
 * @param mixed $input The submitted values.
 * @return array<string,string>
 */
function changecost_sanitize_defaults( $input ) {
	$input = is_array( $input ) ? $input : array();
	$out   = array();
	$get   = function ( $name ) use ( $input ) {
		return isset( $input[ $name ] ) && is_scalar( $input[ $name ] ) ? trim( (string) $input[ $name ] ) : '';
	};
	$out['rate']     = changecost_sanitize_number( $get( 'rate' ) );
	$out['hours']    = changecost_sanitize_number( $get( 'hours' ) );
	$currency        = strtoupper( $get( 'currency' ) );
	$out['currency'] = preg_match( '/^[A-Z]{3}$/', $currency ) ? $currency : '';
	$lang            = $get( 'lang' );
	$out['lang']     = preg_match( '/^(de|en)(-[A-Za-z]{2})?$/', $lang ) ? $lang : '';
	$contact         = sanitize_email( $get( 'contact' ) );
	$out['contact']  = is_email( $contact ) ? $contact : '';
	// The form sends a list; WordPress sanitizes a new option twice, the
	// second time with our own space-separated string.
	$given = array();
	if ( isset( $input['lock'] ) && is_array( $input['lock'] ) ) {
		$given = $input['lock'];
	} elseif ( isset( $input['lock'] ) && is_string( $input['lock'] ) ) {
		$given = preg_split( '/\s+/', $input['lock'], -1, PREG_SPLIT_NO_EMPTY );
	}
	$lock = array();
	foreach ( changecost_lockable() as $name ) {
		if ( in_array( $name, $given, true ) ) {
			$lock[] = $name;
		}
	}
	$out['lock'] = implode( ' ', $lock );
	// What the visitor's browser keeps: left out while it is the element's default.
	$persist = $get( 'persist' );
	if ( in_array( $persist, array( 'ask', 'off' ), true ) ) {
		$out['persist'] = $persist;
	}
	return $out;
}

/** The settings page. */
function changecost_settings_page() {
	if ( ! current_user_can( 'manage_options' ) ) {
		return;
	}
	$saved  = get_option( 'changecost_defaults', array() );
	$saved  = is_array( $saved ) ? $saved : array();
	$value  = function ( $name ) use ( $saved ) {
		return isset( $saved[ $name ] ) && is_string( $saved[ $name ] ) ? $saved[ $name ] : '';
	};
	$locked = preg_split( '/\s+/', $value( 'lock' ), -1, PREG_SPLIT_NO_EMPTY );
	$proxy  = changecost_proxy_settings();
	$fields = array(
		'rate'     => array( __( 'Hourly rate, net', 'changecost' ), '95' ),
		'hours'    => array( __( 'Likely effort, hours', 'changecost' ), '120' ),
		'currency' => array( __( 'Currency (ISO code)', 'changecost' ), 'EUR' ),
		'contact'  => array( __( 'Your e-mail, for "send to the consultant"', 'changecost' ), '' ),
	);
	?>
	<div class="wrap">
		<h1><?php esc_html_e( 'changecost: site-wide defaults', 'changecost' ); ?></h1>
		<p><?php esc_html_e( 'Every calculator on this site starts from these values. A shortcode or block that sets the same attribute overrides them. Empty fields keep the calculator\'s own defaults.', 'changecost' ); ?></p>
		<p><?php esc_html_e( 'Shortcode:', 'changecost' ); ?> <code>[changecost rate="95" hours="120" lang="de"]</code></p>
		<form action="options.php" method="post">
			<?php settings_fields( 'changecost' ); ?>
			<table class="form-table" role="presentation">
				<?php foreach ( $fields as $name => $field ) : ?>
				<tr>
					<th scope="row"><label for="changecost-<?php echo esc_attr( $name ); ?>"><?php echo esc_html( $field[0] ); ?></label></th>
					<td><input type="<?php echo 'contact' === $name ? 'email' : 'text'; ?>" class="regular-text" id="changecost-<?php echo esc_attr( $name ); ?>" name="changecost_defaults[<?php echo esc_attr( $name ); ?>]" value="<?php echo esc_attr( $value( $name ) ); ?>" placeholder="<?php echo esc_attr( $field[1] ); ?>"></td>
				</tr>
				<?php endforeach; ?>
				<tr>
					<th scope="row"><label for="changecost-lang"><?php esc_html_e( 'Language', 'changecost' ); ?></label></th>
					<td>
						<select id="changecost-lang" name="changecost_defaults[lang]">
							<option value=""><?php esc_html_e( 'The page\'s language', 'changecost' ); ?></option>
							<option value="de" <?php selected( $value( 'lang' ), 'de' ); ?>>Deutsch</option>
							<option value="en" <?php selected( $value( 'lang' ), 'en' ); ?>>English</option>
						</select>
					</td>
				</tr>
				<tr>
					<th scope="row"><label for="changecost-persist"><?php esc_html_e( 'What the visitor\'s browser keeps', 'changecost' ); ?></label></th>
					<td>
						<select id="changecost-persist" name="changecost_defaults[persist]">
							<option value=""><?php esc_html_e( 'Their entries, for their next visit', 'changecost' ); ?></option>
							<option value="ask" <?php selected( $value( 'persist' ), 'ask' ); ?>><?php esc_html_e( 'Their entries, only once they tick "keep my entries on this device"', 'changecost' ); ?></option>
							<option value="off" <?php selected( $value( 'persist' ), 'off' ); ?>><?php esc_html_e( 'Nothing', 'changecost' ); ?></option>
						</select>
					</td>
				</tr>
				<tr>
					<th scope="row"><?php esc_html_e( 'Settings your clients may not change', 'changecost' ); ?></th>
					<td>
						<fieldset>
							<legend class="screen-reader-text"><?php esc_html_e( 'Settings your clients may not change', 'changecost' ); ?></legend>
							<?php foreach ( changecost_lockable() as $name ) : ?>
							<label><input type="checkbox" name="changecost_defaults[lock][]" value="<?php echo esc_attr( $name ); ?>" <?php checked( in_array( $name, $locked, true ) ); ?>> <code><?php echo esc_html( $name ); ?></code></label><br>
							<?php endforeach; ?>
						</fieldset>
					</td>
				</tr>
				<tr>
					<th scope="row"><?php esc_html_e( 'Results', 'changecost' ); ?></th>
					<td>
						<label><input type="checkbox" id="changecost-receive" name="changecost_receive" value="1" <?php checked( changecost_receives() ); ?>> <?php esc_html_e( 'Receive results on this site', 'changecost' ); ?></label>
						<p class="description">
							<?php
							printf(
								/* translators: %s: the site admin's e-mail address. */
								esc_html__( 'Calculators without their own address for "send to the consultant" then send to this site, after the visitor has seen the text and agreed. Each submission is kept under changecost > Submissions and e-mailed to %s. At most 5 submissions per visitor in 10 minutes and 100 per hour in all, each at most 32 KB.', 'changecost' ),
								'<code>' . esc_html( (string) get_option( 'admin_email' ) ) . '</code>'
							);
							?>
						</p>
					</td>
				</tr>
				<tr>
					<th scope="row"><label for="changecost-retention"><?php esc_html_e( 'Delete submissions after (days)', 'changecost' ); ?></label></th>
					<td>
						<input type="number" class="small-text" min="0" max="3650" step="1" id="changecost-retention" name="changecost_retention" value="<?php echo esc_attr( (string) changecost_retention_days() ); ?>">
						<p class="description"><?php esc_html_e( 'Submissions older than this are deleted once a day (WP-Cron); 0 keeps them until you delete them. A visitor\'s submissions can be exported and erased by e-mail address under Tools > Export Personal Data and Erase Personal Data.', 'changecost' ); ?></p>
					</td>
				</tr>
				<tr>
					<th scope="row"><?php esc_html_e( 'Behind a proxy or CDN', 'changecost' ); ?></th>
					<td>
						<p>
							<label for="changecost-proxy-header"><?php esc_html_e( 'Header with the visitor\'s address', 'changecost' ); ?></label><br>
							<select id="changecost-proxy-header" name="changecost_proxy[header]">
								<option value=""><?php esc_html_e( 'None: the address the server sees (REMOTE_ADDR)', 'changecost' ); ?></option>
								<?php foreach ( changecost_proxy_headers() as $changecost_header ) : ?>
								<option value="<?php echo esc_attr( $changecost_header ); ?>" <?php selected( $proxy['header'], $changecost_header ); ?>><?php echo esc_html( $changecost_header ); ?></option>
								<?php endforeach; ?>
							</select>
						</p>
						<p>
							<label for="changecost-proxy-addresses"><?php esc_html_e( 'Addresses of your proxies', 'changecost' ); ?></label><br>
							<textarea id="changecost-proxy-addresses" class="regular-text code" rows="3" name="changecost_proxy[proxies]"><?php echo esc_textarea( implode( "\n", $proxy['ranges'] ) ); ?></textarea>
						</p>
						<p class="description">
							<?php esc_html_e( 'The limit of 5 submissions per visitor counts by address. Behind a reverse proxy, load balancer or CDN every visitor arrives from the proxy\'s address, and all of them share one limit. Then choose the header your proxy puts the visitor\'s address in (X-Forwarded-For for most; CF-Connecting-IP for Cloudflare) and enter the addresses your proxy connects from, one per line (ranges like 203.0.113.0/24 or 2001:db8::/32). The header is believed only in requests from those addresses: anyone else could send it with any address in it. Leave "None" if the site is not behind a proxy.', 'changecost' ); ?>
							<?php
							printf(
								/* translators: %s: the filter's name. */
								esc_html__( 'Code can supply the address instead, through the filter %s.', 'changecost' ),
								'<code>changecost_client_ip</code>'
							);
							?>
						</p>
					</td>
				</tr>
			</table>
			<?php submit_button(); ?>
		</form>
	</div>
	<?php
}
