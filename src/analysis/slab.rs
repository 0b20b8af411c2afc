//! A list of plain numbers that is either owned or a part of a file's bytes (the claim index
//! kept beside a store is mapped into memory and used where it lies, not copied).

use bytemuck::Pod;
use std::ops::Deref;
use std::sync::Arc;

/// The bytes a [`Slab`] may lie in: a mapped file or a buffer.
pub(super) type Bytes = Arc<dyn AsRef<[u8]> + Send + Sync>;

/// A list of `T`, owned or lying in shared bytes.
pub(super) enum Slab<T> {
    Owned(Vec<T>),
    /// `len` items from byte `start` of `bytes` (checked to fit and to be aligned when made).
    Shared {
        bytes: Bytes,
        start: usize,
        len: usize,
    },
}

impl<T: Pod> Slab<T> {
    /// `len` items at byte `start` of `bytes`, if they fit and are aligned for `T`.
    pub(super) fn shared(bytes: &Bytes, start: usize, len: usize) -> Option<Self> {
        let end = start.checked_add(len.checked_mul(std::mem::size_of::<T>())?)?;
        let part = (**bytes).as_ref().get(start..end)?;
        bytemuck::try_cast_slice::<u8, T>(part).ok()?;
        Some(Slab::Shared {
            bytes: Arc::clone(bytes),
            start,
            len,
        })
    }
}

impl<T: Pod> Deref for Slab<T> {
    type Target = [T];

    fn deref(&self) -> &[T] {
        match self {
            Slab::Owned(items) => items,
            Slab::Shared { bytes, start, len } => (**bytes)
                .as_ref()
                .get(*start..start + len * std::mem::size_of::<T>())
                .and_then(|part| bytemuck::try_cast_slice(part).ok())
                .unwrap_or(&[]),
        }
    }
}

impl<T> Default for Slab<T> {
    fn default() -> Self {
        Slab::Owned(Vec::new())
    }
}

impl<T> From<Vec<T>> for Slab<T> {
    fn from(items: Vec<T>) -> Self {
        Slab::Owned(items)
    }
}

impl<T: Pod + std::fmt::Debug> std::fmt::Debug for Slab<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let kind = match self {
            Slab::Owned(_) => "owned",
            Slab::Shared { .. } => "shared",
        };
        write!(f, "Slab({kind}, {} items)", self.len())
    }
}
