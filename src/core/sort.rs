//! A small sort for the few places that need one. std's `sort_unstable`
//! and `select_nth_unstable` bring several kilobytes of code into the
//! wasm; heapsort is a few hundred bytes, O(n log n) in every case, and
//! fast enough for the sizes sorted here (a band's gathered values, change
//! ids).

/// Sorts `v` in place, ascending.
pub fn heapsort<T: Ord + Copy>(v: &mut [T]) {
    fn sift_down<T: Ord + Copy>(v: &mut [T], mut root: usize) {
        loop {
            let mut child = 2 * root + 1;
            if child >= v.len() {
                return;
            }
            if child + 1 < v.len() && v[child + 1] > v[child] {
                child += 1;
            }
            if v[root] >= v[child] {
                return;
            }
            v.swap(root, child);
            root = child;
        }
    }
    for i in (0..v.len() / 2).rev() {
        sift_down(v, i);
    }
    for end in (1..v.len()).rev() {
        v.swap(0, end);
        sift_down(&mut v[..end], 0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_like_std() {
        let mut x = 12_345u64;
        for n in 0..300 {
            let mut v: Vec<i64> = (0..n)
                .map(|_| {
                    x = x.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                    (x >> (x % 60)) as i64 - (1 << 20)
                })
                .collect();
            let mut w = v.clone();
            w.sort_unstable();
            heapsort(&mut v);
            assert_eq!(v, w);
        }
    }
}
