#!/usr/bin/env bash
# A throwaway WordPress for tests/dist/wordpress.spec.js: Debian's wordpress
# (6.1) with Twenty Twenty-Three, MariaDB and PHP's built-in server, all on
# loopback, nothing outside the test's own folder.
#
#   tools/wp-test-setup.sh install          apt-get the packages that are missing (idempotent)
#   tools/wp-test-setup.sh start DIR PORT   copy WordPress to DIR/site, start mysqld_safe (socket
#                                           only) and php -S 127.0.0.1:PORT, run wp_install()
#   tools/wp-test-setup.sh stop DIR         stop both and remove DIR
#   tools/wp-test-setup.sh php DIR CODE     run PHP CODE with WordPress loaded (as no user)
set -euo pipefail

PACKAGES=(wordpress wordpress-theme-twentytwentythree mariadb-server php-cli php-mysql)

install() {
  local missing=()
  for p in php-cli php-mysql "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  ${SUDO:-} apt-get update
  # PHP's CLI and CGI first: WordPress's php dependency is then met without Apache's module.
  DEBIAN_FRONTEND=noninteractive ${SUDO:-} apt-get install -y --no-install-recommends php-cli php-cgi php-mysql
  DEBIAN_FRONTEND=noninteractive ${SUDO:-} apt-get install -y --no-install-recommends "${PACKAGES[@]}"
}

# Where Debian's wordpress package puts WordPress (dpkg -L wordpress).
wp_tree() {
  dirname "$(dpkg -L wordpress | grep -m1 '/wp-settings\.php$')"
}

start() {
  local dir=$1 port=$2
  rm -rf "$dir"
  mkdir -p "$dir"/{db,run,log}
  dir=$(cd "$dir" && pwd)
  cp -a "$(wp_tree)" "$dir/site"
  rm -f "$dir/site/wp-config.php" "$dir/site/.htaccess"
  # Debian ships Akismet; only our plugin matters here.
  rm -rf "$dir/site/wp-content/plugins/akismet"
  mkdir -p "$dir/site/wp-content/uploads" "$dir/site/wp-content/upgrade" "$dir/site/wp-content/mu-plugins"
  # No mail server here: the install's and the tests' mails go to DIR/log/mail.log (one JSON
  # object a line), and fail (return false) while the option test_mail_fails is set.
  cat > "$dir/site/wp-content/mu-plugins/test-no-mail.php" <<'PHP'
<?php
// Test site only: no mail server on this machine.
if ( ! function_exists( 'wp_mail' ) ) {
	function wp_mail( $to, $subject, $message, $headers = '', $attachments = array() ) {
		$fails = (bool) get_option( 'test_mail_fails' );
		file_put_contents( dirname( ABSPATH ) . '/log/mail.log', json_encode( compact( 'to', 'subject', 'message', 'headers', 'fails' ) ) . "\n", FILE_APPEND );
		return ! $fails;
	}
}
PHP
  cat > "$dir/site/wp-config.php" <<PHP
<?php
define( 'DB_NAME', 'wordpress' );
define( 'DB_USER', 'root' );
define( 'DB_PASSWORD', '' );
define( 'DB_HOST', 'localhost:$dir/run/mysqld.sock' );
define( 'DB_CHARSET', 'utf8mb4' );
define( 'DB_COLLATE', '' );
\$table_prefix = 'wp_';
define( 'AUTH_KEY', 'test' ); define( 'SECURE_AUTH_KEY', 'test' ); define( 'LOGGED_IN_KEY', 'test' ); define( 'NONCE_KEY', 'test' );
define( 'AUTH_SALT', 'test' ); define( 'SECURE_AUTH_SALT', 'test' ); define( 'LOGGED_IN_SALT', 'test' ); define( 'NONCE_SALT', 'test' );
define( 'WP_HOME', 'http://127.0.0.1:$port' );
define( 'WP_SITEURL', 'http://127.0.0.1:$port' );
define( 'WP_DEBUG', true );
define( 'WP_DEBUG_LOG', '$dir/log/debug.log' );
define( 'WP_DEBUG_DISPLAY', false );
define( 'FS_METHOD', 'direct' );
define( 'WP_HTTP_BLOCK_EXTERNAL', true );
define( 'AUTOMATIC_UPDATER_DISABLED', true );
define( 'DISABLE_WP_CRON', true );
define( 'WP_AUTO_UPDATE_CORE', false );
if ( ! defined( 'ABSPATH' ) ) {
	define( 'ABSPATH', __DIR__ . '/' );
}
require_once ABSPATH . 'wp-settings.php';
PHP
  mariadb-install-db --no-defaults --datadir="$dir/db" --user="$(id -un)" --auth-root-authentication-method=normal \
    --skip-test-db >"$dir/log/install-db.log" 2>&1
  mysqld_safe --no-defaults --datadir="$dir/db" --socket="$dir/run/mysqld.sock" --pid-file="$dir/run/mysqld.pid" \
    --skip-networking --user="$(id -un)" --log-error="$dir/log/mysqld.err" --innodb-buffer-pool-size=32M \
    >"$dir/log/mysqld_safe.log" 2>&1 &
  for _ in $(seq 1 100); do
    mariadb-admin --no-defaults --socket="$dir/run/mysqld.sock" -uroot ping >/dev/null 2>&1 && break
    sleep 0.1
  done
  mariadb --no-defaults --socket="$dir/run/mysqld.sock" -uroot -e 'CREATE DATABASE wordpress CHARACTER SET utf8mb4'
  # Several workers: a page loads its script and wasm while the page is still being served.
  # In a process group of its own (setsid), so that stop ends the server and its workers together.
  PHP_CLI_SERVER_WORKERS=4 setsid php -S "127.0.0.1:$port" -t "$dir/site" >"$dir/log/php-server.log" 2>&1 </dev/null &
  echo $! >"$dir/run/php.pid"
  run_php "$dir" "
    require_once ABSPATH . 'wp-admin/includes/upgrade.php';
    wp_install( 'changecost test site', 'admin', 'admin@example.test', false, '', 'admin-password', 'en_US' );
    update_option( 'permalink_structure', '' );
    echo 'WordPress ', get_bloginfo( 'version' ), ' on http://127.0.0.1:$port with ', wp_get_theme()->get( 'Name' ), PHP_EOL;
  " "define( 'WP_INSTALLING', true );"
  for _ in $(seq 1 50); do
    php -r "exit(@file_get_contents('http://127.0.0.1:$port/wp-login.php') === false ? 1 : 0);" && return 0
    sleep 0.1
  done
  echo "wp-test-setup: php -S did not answer on port $port" >&2
  return 1
}

# run_php DIR CODE [PRELUDE]: CODE with WordPress loaded, as no user.
run_php() {
  local dir=$1 code=$2 prelude=${3:-}
  (cd "$dir/site" && php -d display_errors=stderr -r "
    $prelude
    \$_SERVER['HTTP_HOST'] = '127.0.0.1';
    \$_SERVER['REQUEST_URI'] = '/';
    \$_SERVER['SERVER_PROTOCOL'] = 'HTTP/1.1';
    require '$dir/site/wp-load.php';
    $code")
}

stop() {
  local dir=$1
  [ -d "$dir" ] || return 0
  if [ -f "$dir/run/php.pid" ]; then
    # The server's own process group: its pid, and the workers it forked.
    kill -- "-$(cat "$dir/run/php.pid")" 2>/dev/null || kill "$(cat "$dir/run/php.pid")" 2>/dev/null || true
  fi
  if [ -S "$dir/run/mysqld.sock" ]; then
    mariadb-admin --no-defaults --socket="$dir/run/mysqld.sock" -uroot shutdown 2>/dev/null || true
  fi
  for _ in $(seq 1 100); do
    [ -f "$dir/run/mysqld.pid" ] || break
    sleep 0.1
  done
  rm -rf "$dir"
}

case "${1:-}" in
  install) install ;;
  start) start "$2" "$3" ;;
  stop) stop "$2" ;;
  php) run_php "$2" "$3" ;;
  *) echo "usage: $0 install | start DIR PORT | stop DIR | php DIR CODE" >&2; exit 2 ;;
esac
