//! The file tree inside a run: an arena of inodes, so open descriptors survive renames and
//! unlinks the way they do on POSIX systems.
//!
//! Directories keep their entries in a `BTreeMap`, so listings are sorted and every walk
//! is deterministic. Path lookups never leave the tree: `..` at the root, absolute paths
//! and absolute symlink targets are `ENOTCAPABLE`.
//!
//! Every node's full path from the root stays within [`PATH_MAX`] bytes, and there are no
//! hard links, so the [`Tree`] a run hands back (one full path per node, one copy of each
//! file's contents) is bounded by the node and byte caps.

use crate::errno::{
    EXIST, INVAL, ISDIR, LOOP, NAMETOOLONG, NOENT, NOSPC, NOTCAPABLE, NOTDIR, NOTEMPTY, ROFS,
    WasiResult,
};
use crate::tree::{Node, Tree};
use std::collections::BTreeMap;

/// Index of an inode in the arena. Reported to guests as `ino + 1`, so no inode is 0.
pub(crate) type Ino = usize;

/// The root directory, preopened as `/`.
pub(crate) const ROOT: Ino = 0;

/// Most symlinks one host call may follow, as Linux's `MAXSYMLINKS` per lookup. Guards
/// against symlink loops turning one call into endless host work; exceeding it is `ELOOP`.
pub(crate) const MAX_SYMLINK_HOPS: u32 = 40;

/// Longest path a guest may pass, as Linux's `PATH_MAX`. Bounds the host work of one lookup;
/// longer paths are `ENAMETOOLONG`.
///
/// It also bounds every node's full path from the root, which Linux does not: the output
/// [`Tree`] spells out each path in full, so without it a chain of nested directories
/// would cost the host depth² bytes (gigabytes within the node cap). Creating or moving
/// a node past it is `ENAMETOOLONG`, and [`Tree::check`] rejects input paths past it.
pub(crate) const PATH_MAX: usize = 4096;

/// Longest single name, as Linux's `NAME_MAX`; longer names are `ENAMETOOLONG`. Keeps
/// every output tree writable to a real file system.
pub(crate) const NAME_MAX: usize = 255;

/// Every timestamp starts at 2000-01-01T00:00:00Z, in nanoseconds since the Unix epoch:
/// the same instant the virtual realtime clock starts at.
pub(crate) const EPOCH_NS: u64 = 946_684_800_000_000_000;

/// WASI filetype codes.
pub(crate) const FILETYPE_UNKNOWN: u8 = 0;
pub(crate) const FILETYPE_DIRECTORY: u8 = 3;
pub(crate) const FILETYPE_REGULAR_FILE: u8 = 4;
pub(crate) const FILETYPE_SYMBOLIC_LINK: u8 = 7;

/// What an inode holds.
#[derive(Debug)]
pub(crate) enum Kind {
    File(Vec<u8>),
    Dir {
        entries: BTreeMap<String, Ino>,
        /// The directory holding this one; the root is its own parent.
        parent: Ino,
        /// Length of its full path from the root (0 for the root), kept so that creating
        /// an entry can check [`PATH_MAX`] without walking up the tree.
        path_len: usize,
    },
    Symlink(String),
}

/// One file, directory or symlink.
#[derive(Debug)]
pub(crate) struct Inode {
    pub(crate) kind: Kind,
    /// Directory entries naming this inode; 0 once unlinked or removed.
    pub(crate) links: u32,
    /// Open descriptors referring to it; an unlinked inode lives until the last closes.
    pub(crate) opens: u32,
    pub(crate) atim: u64,
    pub(crate) mtim: u64,
    pub(crate) ctim: u64,
    /// Part of the read-only program directory ([`Fs::program_dir`]): nothing in it can be
    /// created, removed, renamed, written or retimed (`EROFS`).
    pub(crate) read_only: bool,
}

impl Inode {
    fn new(kind: Kind) -> Inode {
        Inode {
            kind,
            links: 0,
            opens: 0,
            atim: EPOCH_NS,
            mtim: EPOCH_NS,
            ctim: EPOCH_NS,
            read_only: false,
        }
    }

    pub(crate) fn filetype(&self) -> u8 {
        match self.kind {
            Kind::File(_) => FILETYPE_REGULAR_FILE,
            Kind::Dir { .. } => FILETYPE_DIRECTORY,
            Kind::Symlink(_) => FILETYPE_SYMBOLIC_LINK,
        }
    }

    pub(crate) fn is_dir(&self) -> bool {
        matches!(self.kind, Kind::Dir { .. })
    }
}

/// The bookkeeping of the lookups one host call makes.
#[derive(Debug, Default)]
pub(crate) struct Lookup {
    /// Symlinks followed so far; past [`MAX_SYMLINK_HOPS`] a lookup is `ELOOP`.
    hops: u32,
    /// Path components walked (and directories climbed), charged as fuel so that long
    /// paths and symlink chains are not free host work.
    pub(crate) steps: u64,
    /// The directory of the descriptor the path is relative to, set by the first walk of
    /// a lookup: `..` may not climb above it, even through a symlink (see
    /// [`Fs::walk`]).
    floor: Option<Ino>,
}

impl Lookup {
    /// Starts a new lookup from another descriptor in the same host call (the second
    /// path of a rename or link), keeping the counts.
    pub(crate) fn next_path(&mut self) {
        self.floor = None;
    }
}

/// The last component of a path, which callers treat differently for lookup and creation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Last<'p> {
    Name(&'p str),
    Dot,
    DotDot,
}

/// A path split into the directory that holds its last component, and that component.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Walk<'p> {
    pub(crate) dir: Ino,
    pub(crate) last: Last<'p>,
    /// The path ended in `/`, so it must name a directory.
    pub(crate) trailing_slash: bool,
}

/// The in-memory file system of one run.
#[derive(Debug)]
pub(crate) struct Fs {
    nodes: Vec<Option<Inode>>,
    free: Vec<Ino>,
    /// Live inodes other than the root, unlinked-but-open ones included.
    live: u64,
    /// Bytes of file contents held, unlinked-but-open files included.
    bytes: u64,
    max_nodes: u64,
    max_bytes: u64,
}

impl Fs {
    /// An empty tree whose growth is capped at `max_nodes` nodes and `max_bytes` bytes.
    pub(crate) fn new(max_nodes: u64, max_bytes: u64) -> Fs {
        let mut root = Inode::new(Kind::dir_in(ROOT, 0));
        root.links = 1;
        Fs {
            nodes: vec![Some(root)],
            free: Vec::new(),
            live: 0,
            bytes: 0,
            max_nodes,
            max_bytes,
        }
    }

    /// Loads an input tree. Input is trusted to be within the caps (they bound what the guest
    /// adds), so it is loaded whole; entries whose path is not a clean relative path, is
    /// longer than [`PATH_MAX`], or would need a file or symlink to be a directory, are
    /// skipped (see [`Tree::check`]).
    pub(crate) fn from_tree(tree: &Tree, max_nodes: u64, max_bytes: u64) -> Fs {
        let mut fs = Fs::new(max_nodes, max_bytes);
        for (path, node) in &tree.entries {
            if path.len() > PATH_MAX {
                continue;
            }
            let Some(components) = crate::tree::components(path) else {
                continue;
            };
            let Some((last, parents)) = components.split_last() else {
                continue;
            };
            let mut dir = ROOT;
            let mut dir_len = 0;
            let mut ok = true;
            for name in parents {
                dir_len = join_len(dir_len, name);
                dir = match fs.child(dir, name) {
                    Some(child) if fs.node(child).is_dir() => child,
                    Some(_) => {
                        ok = false;
                        break;
                    }
                    None => fs.force_insert(dir, name, Kind::dir_in(dir, dir_len)),
                };
            }
            if !ok {
                continue;
            }
            match (fs.child(dir, last), node) {
                // An explicit directory that a deeper path already implied.
                (Some(existing), Node::Dir) if fs.node(existing).is_dir() => {}
                (Some(_), _) => {}
                (None, Node::Dir) => {
                    fs.force_insert(dir, last, Kind::dir_in(dir, path.len()));
                }
                (None, Node::File(contents)) => {
                    fs.bytes += contents.len() as u64;
                    fs.force_insert(dir, last, Kind::File(contents.clone()));
                }
                (None, Node::Symlink(target)) => {
                    fs.force_insert(dir, last, Kind::Symlink(target.clone()));
                }
            }
        }
        fs
    }

    /// The tree as the run left it, every directory listed explicitly.
    pub(crate) fn to_tree(&self) -> Tree {
        let mut tree = Tree::new();
        let mut stack = vec![(ROOT, String::new())];
        while let Some((dir, prefix)) = stack.pop() {
            let Kind::Dir { entries, .. } = &self.node(dir).kind else {
                continue;
            };
            for (name, &ino) in entries {
                let path = if prefix.is_empty() {
                    name.clone()
                } else {
                    format!("{prefix}/{name}")
                };
                let node = match &self.node(ino).kind {
                    Kind::File(contents) => Node::File(contents.clone()),
                    Kind::Symlink(target) => Node::Symlink(target.clone()),
                    Kind::Dir { .. } => {
                        stack.push((ino, path.clone()));
                        Node::Dir
                    }
                };
                tree.entries.insert(path, node);
            }
        }
        tree
    }

    /// The inode `ino`. Callers only hold inos of live inodes (descriptors pin theirs).
    pub(crate) fn node(&self, ino: Ino) -> &Inode {
        match self.nodes.get(ino) {
            Some(Some(node)) => node,
            _ => unreachable!("inode {ino} is not live"),
        }
    }

    pub(crate) fn node_mut(&mut self, ino: Ino) -> &mut Inode {
        match self.nodes.get_mut(ino) {
            Some(Some(node)) => node,
            _ => unreachable!("inode {ino} is not live"),
        }
    }

    fn child(&self, dir: Ino, name: &str) -> Option<Ino> {
        match &self.node(dir).kind {
            Kind::Dir { entries, .. } => entries.get(name).copied(),
            _ => None,
        }
    }

    /// The directory `dir`'s entries and parent; empty for anything else.
    pub(crate) fn dir_entries(&self, dir: Ino) -> (&BTreeMap<String, Ino>, Ino) {
        static EMPTY: BTreeMap<String, Ino> = BTreeMap::new();
        match &self.node(dir).kind {
            Kind::Dir {
                entries, parent, ..
            } => (entries, *parent),
            _ => (&EMPTY, dir),
        }
    }

    /// The length of directory `dir`'s full path from the root.
    fn path_len(&self, dir: Ino) -> usize {
        match self.node(dir).kind {
            Kind::Dir { path_len, .. } => path_len,
            _ => 0,
        }
    }

    fn entries_mut(&mut self, dir: Ino) -> &mut BTreeMap<String, Ino> {
        match &mut self.node_mut(dir).kind {
            Kind::Dir { entries, .. } => entries,
            _ => unreachable!("inode {dir} is not a directory"),
        }
    }

    fn alloc(&mut self, kind: Kind) -> Ino {
        self.live += 1;
        let node = Some(Inode::new(kind));
        match self.free.pop() {
            Some(ino) => {
                self.nodes[ino] = node;
                ino
            }
            None => {
                self.nodes.push(node);
                self.nodes.len() - 1
            }
        }
    }

    /// Links a new inode into `dir` without checking the caps (for input trees).
    fn force_insert(&mut self, dir: Ino, name: &str, kind: Kind) -> Ino {
        let ino = self.alloc(kind);
        self.node_mut(ino).links = 1;
        self.entries_mut(dir).insert(name.to_owned(), ino);
        ino
    }

    /// The read-only directory of [`crate::Input::source`]: outside the tree (so never in
    /// the output), its own root (`..` in it is `ENOTCAPABLE`), holding one file named
    /// [`crate::SOURCE_FILE`]. Counted against the caps like any nodes.
    pub(crate) fn program_dir(&mut self, contents: Vec<u8>) -> Ino {
        let name = crate::SOURCE_FILE;
        let dir = self.alloc(Kind::Dir {
            entries: BTreeMap::new(),
            parent: usize::MAX,
            path_len: 0,
        });
        if let Kind::Dir { parent, .. } = &mut self.node_mut(dir).kind {
            *parent = dir;
        }
        self.bytes += contents.len() as u64;
        let file = self.force_insert(dir, name, Kind::File(contents));
        for ino in [dir, file] {
            let node = self.node_mut(ino);
            node.read_only = true;
            node.links = 1;
        }
        dir
    }

    /// `EROFS` when `ino` is in the read-only program directory.
    pub(crate) fn writable(&self, ino: Ino) -> WasiResult {
        if self.node(ino).read_only {
            return Err(ROFS);
        }
        Ok(())
    }

    /// Frees `ino` once no entry names it and no descriptor holds it.
    pub(crate) fn release(&mut self, ino: Ino) {
        if ino == ROOT {
            return;
        }
        let node = self.node(ino);
        if node.links > 0 || node.opens > 0 {
            return;
        }
        if let Some(Some(node)) = self.nodes.get_mut(ino).map(Option::take) {
            if let Kind::File(contents) = node.kind {
                self.bytes -= contents.len() as u64;
            }
            self.live -= 1;
            self.free.push(ino);
        }
    }

    /// A descriptor now refers to `ino`.
    pub(crate) fn open(&mut self, ino: Ino) {
        self.node_mut(ino).opens += 1;
    }

    /// A descriptor no longer refers to `ino`.
    pub(crate) fn close(&mut self, ino: Ino) {
        let node = self.node_mut(ino);
        node.opens = node.opens.saturating_sub(1);
        self.release(ino);
    }

    // ---- Lookup ----

    /// Splits `path`, relative to directory `base`, into the directory that holds its last
    /// component and that component, following symlinks on the way.
    ///
    /// A directory descriptor is a capability, as in every WASI runtime: a path relative
    /// to it, and any symlink it follows, may not climb above the directory it names
    /// (`ENOTCAPABLE`). The first walk of a lookup fixes that floor; the walks that
    /// follow symlinks keep it.
    pub(crate) fn walk<'p>(
        &self,
        base: Ino,
        path: &'p str,
        lookup: &mut Lookup,
    ) -> WasiResult<Walk<'p>> {
        check_path(path)?;
        if !self.node(base).is_dir() {
            return Err(NOTDIR);
        }
        lookup.floor.get_or_insert(base);
        let trailing_slash = path.ends_with('/');
        let mut components = path.split('/').filter(|c| !c.is_empty()).peekable();
        let mut dir = base;
        while let Some(component) = components.next() {
            lookup.steps += 1;
            if components.peek().is_none() {
                let last = match component {
                    "." => Last::Dot,
                    ".." => Last::DotDot,
                    name => {
                        check_name(name)?;
                        Last::Name(name)
                    }
                };
                return Ok(Walk {
                    dir,
                    last,
                    trailing_slash,
                });
            }
            dir = self.step(dir, component, lookup)?;
        }
        // A non-empty relative path always has a component; this is the empty-path case.
        Err(NOENT)
    }

    /// One intermediate component: must lead (through symlinks) to a directory.
    fn step(&self, dir: Ino, component: &str, lookup: &mut Lookup) -> WasiResult<Ino> {
        let next = match component {
            "." => dir,
            ".." => self.climb(dir, lookup)?,
            name => {
                check_name(name)?;
                let ino = self.lookup(dir, name)?;
                self.follow(dir, ino, lookup)?
            }
        };
        if !self.node(next).is_dir() {
            return Err(NOTDIR);
        }
        Ok(next)
    }

    /// `..` of `dir` in a path: its parent, unless `dir` is the directory the lookup
    /// started from (see [`Fs::walk`]).
    pub(crate) fn climb(&self, dir: Ino, lookup: &Lookup) -> WasiResult<Ino> {
        if lookup.floor == Some(dir) {
            return Err(NOTCAPABLE);
        }
        self.parent(dir)
    }

    /// The parent of `dir`; climbing above the root would leave the sandbox.
    pub(crate) fn parent(&self, dir: Ino) -> WasiResult<Ino> {
        if dir == ROOT {
            return Err(NOTCAPABLE);
        }
        let node = self.node(dir);
        match node.kind {
            // The program directory is a root of its own.
            Kind::Dir { parent, .. } if parent == dir => Err(NOTCAPABLE),
            Kind::Dir { parent, .. } if node.links > 0 => Ok(parent),
            Kind::Dir { .. } => Err(NOENT),
            _ => Err(NOTDIR),
        }
    }

    /// The entry `name` of directory `dir`.
    pub(crate) fn lookup(&self, dir: Ino, name: &str) -> WasiResult<Ino> {
        match &self.node(dir).kind {
            Kind::Dir { entries, .. } => entries.get(name).copied().ok_or(NOENT),
            _ => Err(NOTDIR),
        }
    }

    /// If `ino` (found in `dir`) is a symlink, the inode it finally leads to.
    pub(crate) fn follow(&self, dir: Ino, ino: Ino, lookup: &mut Lookup) -> WasiResult<Ino> {
        match &self.node(ino).kind {
            Kind::Symlink(target) => {
                let target = link_target(target, lookup)?;
                self.resolve(dir, target, true, lookup)
            }
            _ => Ok(ino),
        }
    }

    /// The inode `path` names, relative to `base`. The final component is followed if it is
    /// a symlink and `follow` is set (or the path ends in `/`).
    pub(crate) fn resolve(
        &self,
        base: Ino,
        path: &str,
        follow: bool,
        lookup: &mut Lookup,
    ) -> WasiResult<Ino> {
        let walk = self.walk(base, path, lookup)?;
        let ino = match walk.last {
            Last::Dot => walk.dir,
            Last::DotDot => self.climb(walk.dir, lookup)?,
            Last::Name(name) => {
                let ino = self.lookup(walk.dir, name)?;
                if follow || walk.trailing_slash {
                    self.follow(walk.dir, ino, lookup)?
                } else {
                    ino
                }
            }
        };
        if walk.trailing_slash && !self.node(ino).is_dir() {
            return Err(NOTDIR);
        }
        Ok(ino)
    }

    // ---- Changes ----

    /// Checks that a new entry may be created as `walk` names it, returning the directory
    /// and the name.
    fn creatable<'p>(&self, walk: &Walk<'p>) -> WasiResult<(Ino, &'p str)> {
        let Last::Name(name) = walk.last else {
            return Err(EXIST);
        };
        self.writable(walk.dir)?;
        let dir = self.node(walk.dir);
        if dir.links == 0 {
            // The directory was removed while a descriptor still held it.
            return Err(NOENT);
        }
        if self.child(walk.dir, name).is_some() {
            return Err(EXIST);
        }
        if join_len(self.path_len(walk.dir), name) > PATH_MAX {
            return Err(NAMETOOLONG);
        }
        if self.live >= self.max_nodes {
            return Err(NOSPC);
        }
        Ok((walk.dir, name))
    }

    /// Creates an empty file.
    pub(crate) fn create_file(&mut self, walk: &Walk<'_>) -> WasiResult<Ino> {
        if walk.trailing_slash {
            return Err(ISDIR);
        }
        let (dir, name) = self.creatable(walk)?;
        Ok(self.force_insert(dir, name, Kind::File(Vec::new())))
    }

    /// Creates an empty directory.
    pub(crate) fn create_dir(&mut self, walk: &Walk<'_>) -> WasiResult<Ino> {
        let (dir, name) = self.creatable(walk)?;
        let path_len = join_len(self.path_len(dir), name);
        Ok(self.force_insert(dir, name, Kind::dir_in(dir, path_len)))
    }

    /// Creates a symlink holding `target` verbatim; following it is checked later.
    pub(crate) fn create_symlink(&mut self, walk: &Walk<'_>, target: &str) -> WasiResult<Ino> {
        if walk.trailing_slash {
            return Err(NOENT);
        }
        if target.len() > PATH_MAX {
            return Err(NAMETOOLONG);
        }
        let (dir, name) = self.creatable(walk)?;
        Ok(self.force_insert(dir, name, Kind::Symlink(target.to_owned())))
    }

    /// Removes a non-directory entry.
    pub(crate) fn unlink(&mut self, walk: &Walk<'_>) -> WasiResult {
        let Last::Name(name) = walk.last else {
            return Err(ISDIR);
        };
        self.writable(walk.dir)?;
        let ino = self.lookup(walk.dir, name)?;
        if self.node(ino).is_dir() {
            return Err(ISDIR);
        }
        if walk.trailing_slash {
            return Err(NOTDIR);
        }
        self.entries_mut(walk.dir).remove(name);
        self.node_mut(ino).links -= 1;
        self.release(ino);
        Ok(())
    }

    /// Removes an empty directory.
    pub(crate) fn remove_dir(&mut self, walk: &Walk<'_>) -> WasiResult {
        let name = match walk.last {
            Last::Name(name) => name,
            Last::Dot => return Err(INVAL),
            Last::DotDot => return Err(NOTEMPTY),
        };
        self.writable(walk.dir)?;
        let ino = self.lookup(walk.dir, name)?;
        match &self.node(ino).kind {
            Kind::Dir { entries, .. } if !entries.is_empty() => return Err(NOTEMPTY),
            Kind::Dir { .. } => {}
            _ => return Err(NOTDIR),
        }
        self.entries_mut(walk.dir).remove(name);
        self.node_mut(ino).links = 0;
        self.release(ino);
        Ok(())
    }

    /// Renames an entry, replacing what the target names if POSIX allows it.
    pub(crate) fn rename(
        &mut self,
        from: &Walk<'_>,
        to: &Walk<'_>,
        lookup: &mut Lookup,
    ) -> WasiResult {
        let (Last::Name(from_name), Last::Name(to_name)) = (from.last, to.last) else {
            return Err(INVAL);
        };
        self.writable(from.dir)?;
        self.writable(to.dir)?;
        let ino = self.lookup(from.dir, from_name)?;
        let moving_dir = self.node(ino).is_dir();
        if !moving_dir && (from.trailing_slash || to.trailing_slash) {
            return Err(NOTDIR);
        }
        if self.node(to.dir).links == 0 {
            return Err(NOENT);
        }
        if moving_dir {
            // A directory cannot move into its own subtree.
            let mut dir = to.dir;
            loop {
                lookup.steps += 1;
                if dir == ino {
                    return Err(INVAL);
                }
                if dir == ROOT {
                    break;
                }
                dir = self.parent(dir)?;
            }
        }
        let existing = self.child(to.dir, to_name);
        if let Some(existing) = existing {
            if existing == ino {
                // Both names are the same entry: POSIX says do nothing.
                return Ok(());
            }
            match (&self.node(existing).kind, moving_dir) {
                (Kind::Dir { entries, .. }, true) if !entries.is_empty() => return Err(NOTEMPTY),
                (Kind::Dir { .. }, true) => {}
                (Kind::Dir { .. }, false) => return Err(ISDIR),
                (_, true) => return Err(NOTDIR),
                (_, false) => {}
            }
        }
        // Every node moved, the deepest descendant included, must keep its full path
        // within PATH_MAX.
        let new_len = join_len(self.path_len(to.dir), to_name);
        let moved_dirs = if moving_dir {
            self.subtree_dirs(ino, lookup)
        } else {
            SubtreeDirs::default()
        };
        if new_len.saturating_add(moved_dirs.deepest) > PATH_MAX {
            return Err(NAMETOOLONG);
        }
        if let Some(existing) = existing {
            self.entries_mut(to.dir).remove(to_name);
            let node = self.node_mut(existing);
            node.links = if node.is_dir() { 0 } else { node.links - 1 };
            self.release(existing);
        }
        self.entries_mut(from.dir).remove(from_name);
        self.entries_mut(to.dir).insert(to_name.to_owned(), ino);
        if let Kind::Dir { parent, .. } = &mut self.node_mut(ino).kind {
            *parent = to.dir;
        }
        for (dir, relative) in moved_dirs.dirs {
            if let Kind::Dir { path_len, .. } = &mut self.node_mut(dir).kind {
                *path_len = new_len + relative;
            }
        }
        Ok(())
    }

    /// The directories under `top` (itself included) with their path lengths relative to
    /// it, and the longest relative path of any node below it. Charges one step per node.
    fn subtree_dirs(&self, top: Ino, lookup: &mut Lookup) -> SubtreeDirs {
        let mut out = SubtreeDirs::default();
        let mut stack = vec![(top, 0)];
        while let Some((dir, relative)) = stack.pop() {
            out.dirs.push((dir, relative));
            let (entries, _) = self.dir_entries(dir);
            for (name, &child) in entries {
                lookup.steps += 1;
                let child_len = relative + 1 + name.len();
                out.deepest = out.deepest.max(child_len);
                if self.node(child).is_dir() {
                    stack.push((child, child_len));
                }
            }
        }
        out
    }

    /// Sets a file's length, zero-filling growth; growth past the byte cap is `ENOSPC`.
    pub(crate) fn set_len(&mut self, ino: Ino, len: u64) -> WasiResult {
        let current = self.file_len(ino)?;
        if len > current && len - current > self.max_bytes.saturating_sub(self.bytes) {
            return Err(NOSPC);
        }
        let new_len = usize::try_from(len).map_err(|_| NOSPC)?;
        let Kind::File(contents) = &mut self.node_mut(ino).kind else {
            return Err(ISDIR);
        };
        contents.resize(new_len, 0);
        contents.shrink_to(new_len.max(contents.capacity() / 2));
        self.bytes = self.bytes - current + len;
        Ok(())
    }

    /// The length of file `ino`.
    pub(crate) fn file_len(&self, ino: Ino) -> WasiResult<u64> {
        match &self.node(ino).kind {
            Kind::File(contents) => Ok(contents.len() as u64),
            Kind::Dir { .. } => Err(ISDIR),
            Kind::Symlink(_) => Err(INVAL),
        }
    }

    /// Makes room to write `len` bytes at `offset` in file `ino`: grows the file as far as
    /// the byte cap allows and returns how many bytes fit (0 only when `len` is 0).
    pub(crate) fn reserve(&mut self, ino: Ino, offset: u64, len: u64) -> WasiResult<u64> {
        let current = self.file_len(ino)?;
        let end = offset.checked_add(len).ok_or(crate::errno::OVERFLOW)?;
        if len == 0 || end <= current {
            return Ok(len);
        }
        let room = self.max_bytes.saturating_sub(self.bytes);
        let reachable = current.saturating_add(room);
        if reachable <= offset {
            return Err(NOSPC);
        }
        let end = end.min(reachable);
        self.set_len(ino, end)?;
        Ok(end - offset)
    }

    /// The contents of file `ino`, for reads and in-place writes.
    pub(crate) fn contents_mut(&mut self, ino: Ino) -> WasiResult<&mut Vec<u8>> {
        match &mut self.node_mut(ino).kind {
            Kind::File(contents) => Ok(contents),
            Kind::Dir { .. } => Err(ISDIR),
            Kind::Symlink(_) => Err(INVAL),
        }
    }

    pub(crate) fn contents(&self, ino: Ino) -> WasiResult<&[u8]> {
        match &self.node(ino).kind {
            Kind::File(contents) => Ok(contents),
            Kind::Dir { .. } => Err(ISDIR),
            Kind::Symlink(_) => Err(INVAL),
        }
    }

    /// The `nlink` POSIX reports: entries naming a file, or 2 plus subdirectories for a
    /// directory.
    pub(crate) fn nlink(&self, ino: Ino) -> u64 {
        let node = self.node(ino);
        match &node.kind {
            Kind::Dir { entries, .. } if node.links > 0 => {
                2 + entries
                    .values()
                    .filter(|&&child| self.node(child).is_dir())
                    .count() as u64
            }
            Kind::Dir { .. } => 0,
            _ => u64::from(node.links),
        }
    }

    /// The size `stat` reports: content length, target length for symlinks, 4096 for
    /// directories (as ext4 does).
    pub(crate) fn size(&self, ino: Ino) -> u64 {
        match &self.node(ino).kind {
            Kind::File(contents) => contents.len() as u64,
            Kind::Dir { .. } => 4096,
            Kind::Symlink(target) => target.len() as u64,
        }
    }
}

impl Kind {
    fn dir_in(parent: Ino, path_len: usize) -> Kind {
        Kind::Dir {
            entries: BTreeMap::new(),
            parent,
            path_len,
        }
    }
}

/// What [`Fs::subtree_dirs`] found: the directories to update after a move, and how far
/// below the moved directory its deepest path reaches.
#[derive(Debug, Default)]
struct SubtreeDirs {
    dirs: Vec<(Ino, usize)>,
    deepest: usize,
}

/// The length of the path of entry `name` in a directory whose path is `dir_len` long.
fn join_len(dir_len: usize, name: &str) -> usize {
    if dir_len == 0 {
        name.len()
    } else {
        dir_len + 1 + name.len()
    }
}

/// The inode number guests see: stable for the inode's life, never 0.
pub(crate) fn report_ino(ino: Ino) -> u64 {
    ino as u64 + 1
}

/// Checks a whole path before any lookup: non-empty, bounded, relative, no NUL.
fn check_path(path: &str) -> WasiResult {
    if path.is_empty() {
        return Err(NOENT);
    }
    if path.len() > PATH_MAX {
        return Err(NAMETOOLONG);
    }
    if path.starts_with('/') {
        return Err(NOTCAPABLE);
    }
    if path.contains('\0') {
        return Err(INVAL);
    }
    Ok(())
}

fn check_name(name: &str) -> WasiResult {
    if name.len() > NAME_MAX {
        return Err(NAMETOOLONG);
    }
    Ok(())
}

/// Counts one symlink hop and checks its target may be followed inside the sandbox.
pub(crate) fn link_target<'t>(target: &'t str, lookup: &mut Lookup) -> WasiResult<&'t str> {
    lookup.hops += 1;
    if lookup.hops > MAX_SYMLINK_HOPS {
        return Err(LOOP);
    }
    if target.starts_with('/') {
        return Err(NOTCAPABLE);
    }
    Ok(target)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Fs {
        let mut tree = Tree::new();
        tree.insert_file("a/b/file.txt", "hello");
        tree.entries
            .insert("a/up".into(), Node::Symlink("..".into()));
        tree.entries
            .insert("a/abs".into(), Node::Symlink("/etc".into()));
        tree.entries
            .insert("a/out".into(), Node::Symlink("../..".into()));
        tree.entries
            .insert("loop".into(), Node::Symlink("loop".into()));
        tree.entries
            .insert("link".into(), Node::Symlink("a/b/file.txt".into()));
        tree.entries.insert("empty".into(), Node::Dir);
        Fs::from_tree(&tree, 100, 1000)
    }

    /// Resolves `path` from the root (following the final symlink) and describes the result.
    fn check(path: &str, expect: &str) {
        let fs = sample();
        let got = match fs.resolve(ROOT, path, true, &mut Lookup::default()) {
            Ok(ino) => match &fs.node(ino).kind {
                Kind::File(contents) => format!("file {}", String::from_utf8_lossy(contents)),
                Kind::Dir { entries, .. } => {
                    format!(
                        "dir {}",
                        entries.keys().cloned().collect::<Vec<_>>().join(",")
                    )
                }
                Kind::Symlink(target) => format!("symlink {target}"),
            },
            Err(errno) => format!("errno {}", errno.0),
        };
        assert_eq!(got, expect, "path {path:?}");
    }

    #[test]
    fn plain_file() {
        check("a/b/file.txt", "file hello");
    }
    #[test]
    fn dot_components() {
        check("./a/./b/../b/file.txt", "file hello");
    }
    #[test]
    fn root_dot() {
        check(".", "dir a,empty,link,loop");
    }
    #[test]
    fn dotdot_above_root() {
        check("..", "errno 76");
    }
    #[test]
    fn dotdot_above_root_later() {
        check("a/../../a", "errno 76");
    }
    #[test]
    fn absolute_path() {
        check("/a", "errno 76");
    }
    #[test]
    fn symlink_followed() {
        check("link", "file hello");
    }
    #[test]
    fn symlink_dir_in_middle() {
        check("a/up/a/b/file.txt", "file hello");
    }
    #[test]
    fn symlink_absolute_target() {
        check("a/abs", "errno 76");
    }
    #[test]
    fn symlink_climbing_out() {
        check("a/out/x", "errno 76");
    }
    #[test]
    fn symlink_loop() {
        check("loop", "errno 32");
    }
    #[test]
    fn missing() {
        check("a/nope", "errno 44");
    }
    #[test]
    fn file_as_directory() {
        check("a/b/file.txt/x", "errno 54");
    }
    #[test]
    fn trailing_slash_on_file() {
        check("link/", "errno 54");
    }
    #[test]
    fn empty_path() {
        check("", "errno 44");
    }
    #[test]
    fn input_entries_that_fail_tree_check_are_skipped() {
        let mut tree = Tree::new();
        tree.insert_file("ok.txt", "1");
        tree.insert_file("/abs", "2");
        tree.insert_file("a/../b", "3");
        tree.insert_file("ok.txt/under", "4");
        let paths: Vec<_> = Fs::from_tree(&tree, 100, 100)
            .to_tree()
            .entries
            .into_keys()
            .collect();
        assert_eq!(paths, ["ok.txt"]);
    }
    #[test]
    fn implied_and_explicit_dirs_round_trip() {
        let tree = sample().to_tree();
        let paths: Vec<_> = tree.entries.keys().cloned().collect();
        assert_eq!(
            paths,
            [
                "a",
                "a/abs",
                "a/b",
                "a/b/file.txt",
                "a/out",
                "a/up",
                "empty",
                "link",
                "loop"
            ]
        );
    }
}
