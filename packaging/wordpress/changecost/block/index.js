/* The block changecost/calculator in the block editor: the attributes in the
 * sidebar, a placeholder in the content (the calculator itself is rendered on
 * the server and runs on the published page). No build step: WordPress's
 * own globals. */
( function ( wp, config ) {
	var el = wp.element.createElement;
	var __ = wp.i18n.__;
	var be = wp.blockEditor;
	var c = wp.components;

	function key( name ) {
		if ( name === 'lock' ) {
			return 'locked';
		}
		return name.replace( /-([a-z])/g, function ( m, ch ) {
			return ch.toUpperCase();
		} );
	}

	// The element's attributes, labelled; the first panel holds the main ones.
	var MAIN = [
		[ 'lang', __( 'Language', 'changecost' ), 'lang' ],
		[ 'currency', __( 'Currency (ISO code)', 'changecost' ) ],
		[ 'rate', __( 'Hourly rate, net', 'changecost' ) ],
		[ 'hours', __( 'Likely effort, hours', 'changecost' ) ],
		[ 'hours-low', __( 'Best case, hours', 'changecost' ) ],
		[ 'hours-high', __( 'Worst case, hours', 'changecost' ) ],
		[ 'premium', __( 'Risk premium, %', 'changecost' ) ],
		[ 'models', __( 'Contracts shown (hourly fixed capped)', 'changecost' ) ],
		[ 'lock', __( 'Settings your clients may not change', 'changecost' ) ],
		[ 'contact', __( 'Your e-mail, for "send to the consultant"', 'changecost' ) ],
		[ 'theme', __( 'Theme', 'changecost' ), 'theme' ],
	];
	var MORE = [
		[ 'preset', __( 'Starting point', 'changecost' ), 'preset' ],
		[ 'fixed-price', __( 'Explicit fixed price', 'changecost' ) ],
		[ 'allowance', __( 'Change allowance, hours', 'changecost' ) ],
		[ 'cr-rate', __( 'Price factor for change requests', 'changecost' ) ],
		[ 'cr-admin', __( 'Effort per change request, hours', 'changecost' ) ],
		[ 'switch', __( 'Coordination per change (hourly), hours', 'changecost' ) ],
		[ 'vat', __( 'VAT, % (0 = off)', 'changecost' ) ],
		[ 'cap', __( 'Cap above the likely effort, %', 'changecost' ) ],
		[ 'overhead', __( 'Extra effort per new group, %', 'changecost' ) ],
		[ 'multipliers', __( 'Phase multipliers (concept build acceptance live)', 'changecost' ) ],
		[ 'remaining', __( 'Work still ahead per phase, %', 'changecost' ) ],
		[ 'trials', __( 'Simulation runs', 'changecost' ) ],
		[ 'storage-key', __( 'Storage key (several calculators on one page)', 'changecost' ) ],
		[ 'persist', __( 'Keep entries in the visitor\'s browser', 'changecost' ), 'persist' ],
		[ 'example', __( 'The example offered ("off", or: title | kind | hours | phase; ...)', 'changecost' ) ],
		[ 'endpoint', __( 'Address that receives "send to the consultant" (https:// or a path)', 'changecost' ) ],
		[ 'endpoint-format', __( 'Format for that address', 'changecost' ), 'endpointFormat' ],
	];
	var CHOICES = {
		lang: [ [ '', __( 'Site default', 'changecost' ) ], [ 'de', 'Deutsch' ], [ 'en', 'English' ] ],
		theme: [ [ '', __( 'Site default', 'changecost' ) ], [ 'auto', __( 'Auto', 'changecost' ) ], [ 'light', __( 'Light', 'changecost' ) ], [ 'dark', __( 'Dark', 'changecost' ) ] ],
		preset: [ [ '', __( 'Site default', 'changecost' ) ], [ 'cautious', __( 'Cautious', 'changecost' ) ], [ 'typical', __( 'Typical', 'changecost' ) ], [ 'optimistic', __( 'Optimistic', 'changecost' ) ] ],
		persist: [ [ '', __( 'Site default', 'changecost' ) ], [ 'ask', __( 'Ask the visitor', 'changecost' ) ], [ 'off', __( 'Keep nothing', 'changecost' ) ] ],
		endpointFormat: [ [ '', 'JSON' ], [ 'form', __( 'Form (application/x-www-form-urlencoded)', 'changecost' ) ] ],
	};

	function control( props, row ) {
		var name = row[ 0 ];
		var k = key( name );
		var value = props.attributes[ k ] || '';
		var set = function ( v ) {
			var next = {};
			next[ k ] = v;
			props.setAttributes( next );
		};
		if ( row[ 2 ] ) {
			return el( c.SelectControl, {
				key: name, label: row[ 1 ], value: value, onChange: set,
				options: CHOICES[ row[ 2 ] ].map( function ( o ) {
					return { value: o[ 0 ], label: o[ 1 ] };
				} ),
			} );
		}
		var placeholder = config && config.defaults && config.defaults[ name ] ? config.defaults[ name ] : '';
		return el( c.TextControl, { key: name, label: row[ 1 ], value: value, onChange: set, placeholder: placeholder } );
	}

	function summary( attributes ) {
		var parts = [];
		MAIN.concat( MORE ).forEach( function ( row ) {
			var v = attributes[ key( row[ 0 ] ) ];
			if ( v ) {
				parts.push( row[ 0 ] + '="' + v + '"' );
			}
		} );
		return parts.length ? parts.join( ' ' ) : __( 'The site-wide defaults (Settings > changecost).', 'changecost' );
	}

	wp.blocks.registerBlockType( 'changecost/calculator', {
		edit: function ( props ) {
			var blockProps = be.useBlockProps ? be.useBlockProps() : {};
			return el( 'div', blockProps,
				el( be.InspectorControls, null,
					el( c.PanelBody, { title: __( 'Calculator', 'changecost' ), initialOpen: true },
						MAIN.map( function ( row ) {
							return control( props, row );
						} ) ),
					el( c.PanelBody, { title: __( 'More assumptions', 'changecost' ), initialOpen: false },
						MORE.map( function ( row ) {
							return control( props, row );
						} ) ) ),
				el( c.Placeholder, {
					icon: 'calculator',
					label: __( 'Change cost calculator', 'changecost' ),
					instructions: __( 'The calculator appears on the published page. Its defaults:', 'changecost' ),
				}, el( 'code', null, summary( props.attributes ) ) ) );
		},
		save: function () {
			return null;
		},
	} );
}( window.wp, window.changecostBlock ) );
