//! A Bloom filter of the known typos (the keys of `rules/generated/typos.fst`). `src/build.rs`
//! builds it from the fst with this file and the crate embeds it: one read of a 64-bit
//! block tells that a word is certainly not a known typo, which nearly every word is, so
//! that PM501 walks the fst only for the few that may be.
//!
//! Each key sets three bits of one block; 2^14 blocks (128 KiB) hold the ~96,000 keys
//! with about 2% false positives (which only cost the fst look-up).

/// Blocks in the filter.
const BLOCKS: usize = 1 << 14;

/// The block `key` belongs to, and the bits it sets there.
fn block_and_mask(key: &[u8]) -> (usize, u64) {
    // FNV-1a, then MurmurHash3's finaliser to spread it over all 64 bits.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &byte in key {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash ^= hash >> 33;
    hash = hash.wrapping_mul(0xff51_afd7_ed55_8ccd);
    hash ^= hash >> 33;
    hash = hash.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    hash ^= hash >> 33;
    let block = (hash >> (64 - BLOCKS.trailing_zeros())) as usize;
    let mask = (1 << (hash & 63)) | (1 << ((hash >> 6) & 63)) | (1 << ((hash >> 12) & 63));
    (block, mask)
}

/// A filter read in place from its bytes: the blocks, little-endian.
#[derive(Clone, Copy)]
pub struct Filter<'a>(&'a [u8]);

impl<'a> Filter<'a> {
    /// `None` unless `bytes` has the size `Builder::into_bytes` gives.
    pub fn new(bytes: &'a [u8]) -> Option<Self> {
        (bytes.len() == BLOCKS * 8).then_some(Filter(bytes))
    }

    /// False if `key` is certainly not in the set; true if it may be.
    pub fn may_contain(&self, key: &[u8]) -> bool {
        let (block, mask) = block_and_mask(key);
        let bytes = &self.0[block * 8..block * 8 + 8];
        let block = u64::from_le_bytes(bytes.try_into().expect("eight bytes"));
        block & mask == mask
    }
}

/// Builds a filter's bytes.
#[allow(dead_code, reason = "used by src/build.rs")]
pub struct Builder(Vec<u64>);

impl Default for Builder {
    fn default() -> Self {
        Builder(vec![0; BLOCKS])
    }
}

#[allow(dead_code, reason = "used by src/build.rs")]
impl Builder {
    pub fn insert(&mut self, key: &[u8]) {
        let (block, mask) = block_and_mask(key);
        self.0[block] |= mask;
    }

    pub fn into_bytes(self) -> Vec<u8> {
        self.0
            .iter()
            .flat_map(|block| block.to_le_bytes())
            .collect()
    }
}
