//! A Bloom filter of the known typos (the keys of `rules/generated/typos.fst`). `src/build.rs`
//! builds it from the fst with this file and the crate embeds it: one read of a 64-bit
//! block tells that a word is certainly not a known typo, which nearly every word is, so
//! that PM501 walks the fst only for the few that may be.
//!
//! Each key sets three bits of one block; 2^14 blocks (128 KiB) hold the ~96,000 keys
//! with about 2% false positives (which only cost the fst look-up). pmlint's own typos and
//! the config's get a small filter of the same kind, built at start.

use std::borrow::Cow;

/// Blocks in the filter.
const BLOCKS: usize = 1 << 14;

/// The hash of `key` with its ASCII letters lowercased: a word is asked about as written,
/// with no lowercase copy made first. FNV-1a, then MurmurHash3's finaliser to spread it
/// over all 64 bits.
pub fn hash(key: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &byte in key {
        hash ^= u64::from(byte.to_ascii_lowercase());
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash ^= hash >> 33;
    hash = hash.wrapping_mul(0xff51_afd7_ed55_8ccd);
    hash ^= hash >> 33;
    hash = hash.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    hash ^= hash >> 33;
    hash
}

/// The block of `2^log2` a hash belongs to, and the bits it sets there.
fn block_and_mask(hash: u64, log2: u32) -> (usize, u64) {
    let block = (hash >> (64 - log2)) as usize;
    let mask = (1 << (hash & 63)) | (1 << ((hash >> 6) & 63)) | (1 << ((hash >> 12) & 63));
    (block, mask)
}

/// A filter read in place from its bytes: `2^log2` blocks, little-endian. The built-in one
/// borrows the bytes `src/build.rs` wrote; one built at run time owns them.
pub struct Filter<'a> {
    bytes: Cow<'a, [u8]>,
    log2: u32,
}

impl<'a> Filter<'a> {
    /// `None` unless `bytes` has the size `Builder::default().into_bytes()` gives.
    pub fn new(bytes: &'a [u8]) -> Option<Self> {
        (bytes.len() == BLOCKS * 8).then_some(Filter {
            bytes: Cow::Borrowed(bytes),
            log2: BLOCKS.trailing_zeros(),
        })
    }

    /// False if `key` is certainly not in the set; true if it may be.
    #[allow(dead_code, reason = "the tests ask by key")]
    pub fn may_contain(&self, key: &[u8]) -> bool {
        self.may_contain_hash(hash(key))
    }

    /// `may_contain` for a key's `hash`.
    pub fn may_contain_hash(&self, hash: u64) -> bool {
        let (block, mask) = block_and_mask(hash, self.log2);
        let bytes = &self.bytes[block * 8..block * 8 + 8];
        let block = u64::from_le_bytes(bytes.try_into().expect("eight bytes"));
        block & mask == mask
    }
}

/// Builds a filter: `Default` for the built-in typo list's size, `for_keys` for a few keys
/// (pmlint's own typos and the config's) at about two a block.
pub struct Builder(Vec<u64>);

impl Default for Builder {
    fn default() -> Self {
        Builder(vec![0; BLOCKS])
    }
}

impl Builder {
    pub fn for_keys(keys: usize) -> Self {
        Builder(vec![0; (keys / 2 + 1).next_power_of_two().max(64)])
    }

    pub fn insert(&mut self, key: &[u8]) {
        let (block, mask) = block_and_mask(hash(key), self.0.len().trailing_zeros());
        self.0[block] |= mask;
    }

    pub fn into_bytes(self) -> Vec<u8> {
        self.0
            .iter()
            .flat_map(|block| block.to_le_bytes())
            .collect()
    }

    pub fn into_filter(self) -> Filter<'static> {
        let log2 = self.0.len().trailing_zeros();
        Filter {
            bytes: Cow::Owned(self.into_bytes()),
            log2,
        }
    }
}
