//! Share links: the whole scenario in a URL fragment (`#cc=...`), which
//! browsers never send to a server. Compact (a binary form, only what
//! differs from MODEL.md's defaults, base64url), versioned, with a
//! checksum; a damaged, truncated or hostile fragment is refused with a
//! reason and changes nothing.
//!
//! Layout (all integers unsigned LEB128 varints unless noted):
//! version byte (1), widget slot byte (its position on the page), a mask of
//! the settings that differ from the defaults (bit i: the setting whose
//! [`Setting::wire`] number is i, never its position in a list; bit 22:
//! currency), their values in ascending bit order (currency: 3 ASCII
//! bytes), the number of changes, and per change a flags byte (kind in bits
//! 0-1, phase in bits 2-3, range in bit 4, rework share in bit 5, title in
//! bit 6), the likely minutes, low and high minutes if a range, the share
//! if any, the title's byte length and UTF-8 bytes if any; last, the FNV-1a
//! 32-bit hash of everything before it, 4 bytes little-endian.

use core::fmt;

use crate::core::parse::integer;
use crate::core::scenario::{Change, Kind, Phase, Range, Scenario, ScenarioError, Setting, MAX_CHANGES, MAX_TITLE};

/// The version this code writes.
const VERSION: u8 = 1;
/// The fragment's key: `#cc=<payload>`.
pub const KEY: &str = "cc=";
/// The longest payload read, in characters: about 300 KB, room for
/// thousands of changes; a link that long is refused as too long.
pub const MAX_PAYLOAD: usize = 400_000;
/// Bit of the currency in the mask. Frozen like [`Setting::wire`]: the
/// settings' numbers are 0 to 21, a new setting takes 23 upward.
const CURRENCY_BIT: u32 = 22;

/// The setting at bit `bit` of the mask, if any.
fn setting_at(bit: u32) -> Option<Setting> {
    u8::try_from(bit).ok().and_then(Setting::from_wire)
}

/// Why a share link cannot be opened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ShareError {
    /// No payload after `cc=`.
    Empty,
    /// Longer than [`MAX_PAYLOAD`].
    TooLong,
    /// Characters that are not base64url.
    NotBase64,
    /// The data ends early (a truncated link).
    Truncated,
    /// The checksum does not match (a damaged link).
    Checksum,
    /// Written by a newer version.
    Version(u8),
    /// Bytes that do not describe a scenario.
    Malformed,
    /// A scenario that breaks a limit, like a typed one would.
    Invalid(ScenarioError),
}

impl fmt::Display for ShareError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ShareError::Empty => f.write_str("the link holds no scenario"),
            ShareError::TooLong => f.write_str("the link is too long"),
            ShareError::NotBase64 => f.write_str("the link contains characters it cannot contain"),
            ShareError::Truncated => f.write_str("the link is cut off"),
            ShareError::Checksum => f.write_str("the link is damaged (checksum mismatch)"),
            ShareError::Version(v) => {
                f.write_str(&["the link was made by a newer version (", &integer(i64::from(*v)), ")"].concat())
            }
            ShareError::Malformed => f.write_str("the link does not describe a scenario"),
            ShareError::Invalid(e) => fmt::Display::fmt(e, f),
        }
    }
}

impl std::error::Error for ShareError {}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Base64url without padding.
pub fn base64url(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            out.push(char::from(ALPHABET[(n >> (18 - 6 * i) & 63) as usize]));
        }
    }
    out
}

/// Reads base64url without padding.
///
/// # Errors
/// [`ShareError::NotBase64`] for other characters, [`ShareError::Truncated`]
/// for an impossible length or non-zero padding bits.
pub fn from_base64url(text: &str) -> Result<Vec<u8>, ShareError> {
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let (mut n, mut bits) = (0u32, 0u32);
    for c in text.bytes() {
        let v = ALPHABET.iter().position(|&a| a == c).ok_or(ShareError::NotBase64)? as u32;
        n = n << 6 | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((n >> bits) as u8);
            n &= (1 << bits) - 1;
        }
    }
    // A lone character cannot end a group, and the bits left over must be
    // zero (one payload, one spelling): either way the text was most likely
    // cut off.
    if bits >= 6 || n != 0 {
        return Err(ShareError::Truncated);
    }
    Ok(out)
}

fn fnv32(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0x811C_9DC5u32, |h, &b| (h ^ u32::from(b)).wrapping_mul(0x0100_0193))
}

fn put(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// The payload of a share link for `s`, for the widget at `slot`.
pub fn encode_link(s: &Scenario, slot: u8) -> String {
    let base = Scenario::default();
    let mut out = vec![VERSION, slot];
    let mut mask = 0u64;
    for setting in Setting::ALL {
        if s.get(setting) != base.get(setting) {
            mask |= 1 << setting.wire();
        }
    }
    if s.currency != base.currency {
        mask |= 1 << CURRENCY_BIT;
    }
    put(&mut out, mask);
    for bit in 0..CURRENCY_BIT {
        if let Some(setting) = setting_at(bit).filter(|_| mask & 1 << bit != 0) {
            put(&mut out, u64::try_from(s.get(setting)).unwrap_or(0));
        }
    }
    if mask & 1 << CURRENCY_BIT != 0 {
        out.extend_from_slice(&s.currency);
    }
    put(&mut out, s.changes.len() as u64);
    for c in &s.changes {
        let range = !c.effort.is_exact();
        let share = c.rework_share();
        let flags = c.kind as u8
            | (c.phase as u8) << 2
            | u8::from(range) << 4
            | u8::from(share.is_some()) << 5
            | u8::from(!c.title.is_empty()) << 6;
        out.push(flags);
        put(&mut out, u64::from(c.effort.likely));
        if range {
            put(&mut out, u64::from(c.effort.low));
            put(&mut out, u64::from(c.effort.high));
        }
        if let Some(share) = share {
            put(&mut out, u64::from(share));
        }
        if !c.title.is_empty() {
            put(&mut out, c.title.len() as u64);
            out.extend_from_slice(c.title.as_bytes());
        }
    }
    let sum = fnv32(&out);
    out.extend_from_slice(&sum.to_le_bytes());
    base64url(&out)
}

/// Reads bytes in order, failing with [`ShareError::Truncated`] at the end.
struct Reader<'a>(&'a [u8]);

impl Reader<'_> {
    fn byte(&mut self) -> Result<u8, ShareError> {
        let (&b, rest) = self.0.split_first().ok_or(ShareError::Truncated)?;
        self.0 = rest;
        Ok(b)
    }

    fn varint(&mut self) -> Result<u64, ShareError> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            v |= u64::from(b & 0x7F) << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(ShareError::Malformed)
    }

    fn small(&mut self) -> Result<u32, ShareError> {
        u32::try_from(self.varint()?).map_err(|_| ShareError::Malformed)
    }

    fn bytes(&mut self, n: usize) -> Result<&[u8], ShareError> {
        if self.0.len() < n {
            return Err(ShareError::Truncated);
        }
        let (head, rest) = self.0.split_at(n);
        self.0 = rest;
        Ok(head)
    }
}

/// The scenario of a share link's payload, and the slot of the widget it
/// was made in. Everything is checked as if typed.
///
/// # Errors
/// [`ShareError`] saying why the link cannot be opened.
pub fn decode_link(payload: &str) -> Result<(u8, Scenario), ShareError> {
    if payload.is_empty() {
        return Err(ShareError::Empty);
    }
    if payload.len() > MAX_PAYLOAD {
        return Err(ShareError::TooLong);
    }
    let bytes = from_base64url(payload)?;
    if bytes.len() < 6 {
        return Err(ShareError::Truncated);
    }
    let (body, sum) = bytes.split_at(bytes.len() - 4);
    if fnv32(body).to_le_bytes() != sum {
        return Err(ShareError::Checksum);
    }
    let mut r = Reader(body);
    let version = r.byte()?;
    if version != VERSION {
        return Err(ShareError::Version(version));
    }
    let slot = r.byte()?;
    let mut s = Scenario::default();
    let mask = r.varint()?;
    if mask >> (CURRENCY_BIT + 1) != 0 {
        return Err(ShareError::Malformed);
    }
    for bit in 0..CURRENCY_BIT {
        if mask & 1 << bit != 0 {
            let setting = setting_at(bit).ok_or(ShareError::Malformed)?;
            let v = i64::try_from(r.varint()?).map_err(|_| ShareError::Malformed)?;
            // Range only here; the order of the baseline is checked below.
            crate::core::scenario::check_range(crate::core::scenario::Field::Setting(setting), v, setting.limits())
                .map_err(ShareError::Invalid)?;
            s.put(setting, v);
        }
    }
    if mask & 1 << CURRENCY_BIT != 0 {
        let code = core::str::from_utf8(r.bytes(3)?).map_err(|_| ShareError::Malformed)?.to_owned();
        s.set_currency(&code).map_err(ShareError::Invalid)?;
    }
    let count = usize::try_from(r.varint()?).map_err(|_| ShareError::Malformed)?;
    if count > MAX_CHANGES {
        return Err(ShareError::Malformed);
    }
    for index in 0..count {
        let flags = r.byte()?;
        if flags >> 7 != 0 {
            return Err(ShareError::Malformed);
        }
        let likely = r.small()?;
        let effort = if flags & 1 << 4 != 0 {
            let low = r.small()?;
            let high = r.small()?;
            Range { low, likely, high }
        } else {
            Range::exact(likely)
        };
        let share = if flags & 1 << 5 != 0 { Some(r.small()?) } else { None };
        let title = if flags & 1 << 6 != 0 {
            let n = usize::try_from(r.varint()?).map_err(|_| ShareError::Malformed)?;
            if n > 4 * MAX_TITLE {
                return Err(ShareError::Malformed);
            }
            core::str::from_utf8(r.bytes(n)?).map_err(|_| ShareError::Malformed)?.to_owned()
        } else {
            String::new()
        };
        let kind = Kind::ALL[usize::from(flags & 3)];
        let phase = Phase::ALL[usize::from(flags >> 2 & 3)];
        let id = u32::try_from(index + 1).map_err(|_| ShareError::Malformed)?;
        s.changes.push(Change { id, title, kind, phase, effort, share: share.filter(|_| kind == Kind::Rework) });
    }
    if !r.0.is_empty() {
        return Err(ShareError::Malformed);
    }
    s.validate().map_err(ShareError::Invalid)?;
    Ok((slot, s))
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::core::scenario::fixtures::worked_example;

    #[test]
    fn every_bit_below_the_currency_is_one_setting() {
        for setting in Setting::ALL {
            assert!(u32::from(setting.wire()) < CURRENCY_BIT, "{setting:?}");
        }
        for bit in 0..CURRENCY_BIT {
            let setting = setting_at(bit).unwrap_or_else(|| panic!("bit {bit} has no setting"));
            assert_eq!(u32::from(setting.wire()), bit);
        }
        assert_eq!(setting_at(CURRENCY_BIT), None);
    }

    #[test]
    fn base64url_round_trips() {
        for n in 0..40u8 {
            let bytes: Vec<u8> = (0..n).map(|i| i.wrapping_mul(37)).collect();
            assert_eq!(from_base64url(&base64url(&bytes)), Ok(bytes));
        }
        assert_eq!(base64url(b"\xfb\xff"), "-_8");
        assert_eq!(from_base64url("a"), Err(ShareError::Truncated));
        assert_eq!(from_base64url("ab+c"), Err(ShareError::NotBase64));
        assert_eq!(from_base64url("-_8"), Ok(b"\xfb\xff".to_vec()));
        assert_eq!(from_base64url("-_9"), Err(ShareError::Truncated), "non-zero padding bits");
    }

    #[test]
    fn the_worked_example_round_trips_compactly() {
        let s = worked_example();
        let link = encode_link(&s, 1);
        assert!(link.len() <= 100, "{} characters: {link}", link.len());
        assert_eq!(decode_link(&link), Ok((1, s)));
    }

    #[test]
    fn twenty_changes_fit_in_two_thousand_characters() {
        // Titles as clients write them (about 40 characters, some
        // umlauts), every change with a range, and changed settings.
        let titles = [
            "Logo größer und in der Kopfzeile rechts",
            "Beispieldokumente waren veraltet, neu",
            "Vertrieb möchte mitplanen (Workshop)",
            "Export als PDF zusätzlich zu CSV bitte",
        ];
        let mut s = worked_example();
        s.changes.clear();
        for i in 0..20u32 {
            let kind = Kind::ALL[i as usize % 4];
            let mut c = Change::new(i + 1, titles[i as usize % 4], kind, 60 * i, Phase::ALL[i as usize % 4]);
            c.effort = Range { low: 30 * i, likely: 60 * i, high: 600_000 };
            s.changes.push(c);
        }
        s.rate = crate::core::money::Money::from_cents(12_345);
        s.set_currency("CHF").unwrap();
        let link = encode_link(&s, 0);
        assert!(link.len() < 2_000, "{} characters", link.len());
        assert_eq!(decode_link(&link), Ok((0, s)));
    }

    #[test]
    fn damaged_links_are_refused() {
        let link = encode_link(&worked_example(), 0);
        assert_eq!(decode_link(""), Err(ShareError::Empty));
        let cut = decode_link(&link[..link.len() - 5]);
        assert!(matches!(cut, Err(ShareError::Truncated | ShareError::Checksum)), "{cut:?}");
        assert_eq!(decode_link("AAA"), Err(ShareError::Truncated));
        assert_eq!(decode_link("not base64!"), Err(ShareError::NotBase64));
        let mut flipped = link.clone().into_bytes();
        flipped[10] = if flipped[10] == b'A' { b'B' } else { b'A' };
        assert_eq!(decode_link(core::str::from_utf8(&flipped).unwrap()), Err(ShareError::Checksum));
        assert_eq!(decode_link(&"A".repeat(MAX_PAYLOAD + 1)), Err(ShareError::TooLong));
    }

    #[test]
    fn hostile_but_well_formed_links_are_validated_like_typing() {
        // A valid checksum over a scenario with a zero rate.
        let mut body = vec![VERSION, 0];
        put(&mut body, 1); // mask: the rate
        put(&mut body, 0); // rate 0
        put(&mut body, 0); // no changes
        let sum = fnv32(&body);
        body.extend_from_slice(&sum.to_le_bytes());
        let err = decode_link(&base64url(&body)).unwrap_err();
        assert_eq!(err.to_string(), "rateCents: must be at least 1");
        // A newer version.
        let mut body = vec![2, 0, 0, 0];
        let sum = fnv32(&body);
        body.extend_from_slice(&sum.to_le_bytes());
        assert_eq!(decode_link(&base64url(&body)), Err(ShareError::Version(2)));
        // Baseline out of order.
        let mut body = vec![VERSION, 0];
        put(&mut body, 1 << Setting::HoursLow.wire());
        put(&mut body, 9_000);
        put(&mut body, 0);
        let sum = fnv32(&body);
        body.extend_from_slice(&sum.to_le_bytes());
        assert!(matches!(decode_link(&base64url(&body)), Err(ShareError::Invalid(_))));
    }
}
