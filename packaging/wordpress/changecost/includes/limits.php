<?php
/**
 * The route's rate limits: one row per bucket (a client's hashed address,
 * or the whole site) in the plugin's own table {prefix}changecost_rate, a
 * fixed window that starts with the first request in it. A slot is taken
 * by one conditional UPDATE, which the database runs atomically against
 * every other PHP worker: it either counts this request within the limit
 * (one row changed) or changes nothing. Nothing is stored or mailed before
 * that; a request refused later gives its slot back.
 *
 * @package changecost
 */

defined( 'ABSPATH' ) || exit;

/** The table's schema version, kept in the option changecost_db. */
const CHANGECOST_DB_VERSION = '1';

/**
 * The rate table's name.
 *
 * @return string
 */
function changecost_rate_table() {
	global $wpdb;
	return $wpdb->prefix . 'changecost_rate';
}

/** Creates or updates the rate table (activation, and after an update without one). */
function changecost_install_table() {
	global $wpdb;
	require_once ABSPATH . 'wp-admin/includes/upgrade.php';
	$table   = changecost_rate_table();
	$charset = $wpdb->get_charset_collate();
	dbDelta(
		"CREATE TABLE {$table} (
  bucket varchar(64) NOT NULL,
  started bigint(20) unsigned NOT NULL DEFAULT 0,
  hits int(10) unsigned NOT NULL DEFAULT 0,
  PRIMARY KEY  (bucket)
) {$charset};"
	);
	update_option( 'changecost_db', CHANGECOST_DB_VERSION );
}

/**
 * Takes one slot in a bucket: `limit` requests per `window` seconds, the
 * window starting with its first request.
 *
 * @param string $bucket The bucket's key (at most 64 characters).
 * @param int    $limit  Requests per window.
 * @param int    $window The window, in seconds.
 * @return array{ok:bool,started:int,wait:int} Whether the slot was taken; the
 *         window's start; when refused, the seconds until the window ends.
 */
function changecost_rate_reserve( $bucket, $limit, $window ) {
	global $wpdb;
	$table = changecost_rate_table();
	$now   = time();
	// The row, if missing (a no-op when it exists: the primary key holds).
	$wpdb->query( $wpdb->prepare( "INSERT IGNORE INTO {$table} (bucket, started, hits) VALUES (%s, 0, 0)", $bucket ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery,WordPress.DB.PreparedSQL.InterpolatedNotPrepared
	// The decision, in one statement: a new window (an expired one starts
	// again at 1) or one more hit below the limit; else no row changes.
	// Each assignment reads only columns not assigned before it, so MySQL
	// (left to right) and SQLite (all at once) agree.
	$changed = $wpdb->query( // phpcs:ignore WordPress.DB.DirectDatabaseQuery
		$wpdb->prepare(
			"UPDATE {$table} SET hits = CASE WHEN started + %d <= %d THEN 1 ELSE hits + 1 END, started = CASE WHEN started + %d <= %d THEN %d ELSE started END WHERE bucket = %s AND (started + %d <= %d OR hits < %d)", // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
			$window,
			$now,
			$window,
			$now,
			$now,
			$bucket,
			$window,
			$now,
			$limit
		)
	);
	$started = (int) $wpdb->get_var( $wpdb->prepare( "SELECT started FROM {$table} WHERE bucket = %s", $bucket ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery,WordPress.DB.PreparedSQL.InterpolatedNotPrepared
	if ( 1 === $changed ) {
		return array(
			'ok'      => true,
			'started' => $started,
			'wait'    => 0,
		);
	}
	// Refused, or the table cannot be written (false): either way nothing is taken.
	return array(
		'ok'      => false,
		'started' => $started,
		'wait'    => max( 1, $started + $window - $now ),
	);
}

/**
 * Gives a slot back: the request that took it was refused after all.
 * Only within the window it was taken in.
 *
 * @param string $bucket  The bucket.
 * @param int    $started The window's start that changecost_rate_reserve returned.
 */
function changecost_rate_release( $bucket, $started ) {
	global $wpdb;
	$table = changecost_rate_table();
	$wpdb->query( $wpdb->prepare( "UPDATE {$table} SET hits = hits - 1 WHERE bucket = %s AND started = %d AND hits > 0", $bucket, $started ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery,WordPress.DB.PreparedSQL.InterpolatedNotPrepared
}

/**
 * Removes buckets whose window has ended (the daily purge).
 *
 * @param int $longest The longest window, in seconds.
 */
function changecost_rate_prune( $longest ) {
	global $wpdb;
	$table = changecost_rate_table();
	$wpdb->query( $wpdb->prepare( "DELETE FROM {$table} WHERE started + %d <= %d", $longest, time() ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery,WordPress.DB.PreparedSQL.InterpolatedNotPrepared
}
