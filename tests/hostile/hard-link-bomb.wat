;; Links f.txt under the names 0, 1, 2, ... up to 12,000 times. Links would be new tree
;; entries, each copying f.txt's contents into the output, so the sandbox has none: the
;; first `path_link` must fail with ENOTSUP (58). Prints "ok" when it did; otherwise what
;; happened, and exits 1.
(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
  (import "wasi_snapshot_preview1" "path_link" (func $path_link (param i32 i32 i32 i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 96) "ok\n")
  (data (i32.const 112) "check ")
  (data (i32.const 120) ": errno ")
  (data (i32.const 128) ", wanted ")
  (global $failed (mut i32) (i32.const 0))
  ;; Writes [ptr, ptr+len) to stdout through the iovec at 0.
  (func $print (param $ptr i32) (param $len i32)
    (i32.store (i32.const 0) (local.get $ptr))
    (i32.store (i32.const 4) (local.get $len))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8))))
  ;; Prints an unsigned number in decimal, using bytes 16..48 as scratch.
  (func $print_num (param $n i32) (local $at i32)
    (local.set $at (i32.const 48))
    (loop $digits
      (local.set $at (i32.sub (local.get $at) (i32.const 1)))
      (i32.store8 (local.get $at) (i32.add (i32.const 48) (i32.rem_u (local.get $n) (i32.const 10))))
      (local.set $n (i32.div_u (local.get $n) (i32.const 10)))
      (br_if $digits (local.get $n)))
    (call $print (local.get $at) (i32.sub (i32.const 48) (local.get $at))))
  ;; Check `id` got errno `got`; anything but `want` prints "check ID: errno GOT, wanted WANT".
  (func $check (param $id i32) (param $got i32) (param $want i32)
    (if (i32.ne (local.get $got) (local.get $want))
      (then
        (global.set $failed (i32.const 1))
        (call $print (i32.const 112) (i32.const 6))
        (call $print_num (local.get $id))
        (call $print (i32.const 120) (i32.const 8))
        (call $print_num (local.get $got))
        (call $print (i32.const 128) (i32.const 9))
        (call $print_num (local.get $want))
        (call $print (i32.const 98) (i32.const 1)))))
  (func $efault (param $id i32) (param $got i32)
    (call $check (local.get $id) (local.get $got) (i32.const 21)))
  ;; The last 32 bytes of memory must still be zero: no call wrote part of a value that
  ;; did not fit.
  (func $edge_untouched (param $id i32)
    (call $check (local.get $id)
      (i64.eqz (i64.or (i64.or (i64.load (i32.const 65504)) (i64.load (i32.const 65512)))
                       (i64.or (i64.load (i32.const 65520)) (i64.load (i32.const 65528)))))
      (i32.const 1)))
  ;; "ok" when every check passed, exit 1 otherwise.
  (func $finish
    (if (global.get $failed)
      (then (call $proc_exit (i32.const 1))))
    (call $print (i32.const 96) (i32.const 3)))
  (data (i32.const 200) "f.txt")
  (func (export "_start") (local $i i32) (local $errno i32) (local $len i32) (local $n i32)
    (block $stop
      (loop $more
        ;; The decimal name of $i ends at 240; $len is its length.
        (local.set $n (local.get $i))
        (local.set $len (i32.const 0))
        (loop $digits
          (i32.store8 (i32.sub (i32.const 240) (local.get $len))
            (i32.add (i32.const 48) (i32.rem_u (local.get $n) (i32.const 10))))
          (local.set $len (i32.add (local.get $len) (i32.const 1)))
          (local.set $n (i32.div_u (local.get $n) (i32.const 10)))
          (br_if $digits (local.get $n)))
        (local.set $errno (call $path_link (i32.const 3) (i32.const 0) (i32.const 200) (i32.const 5)
          (i32.const 3) (i32.sub (i32.const 241) (local.get $len)) (local.get $len)))
        (br_if $stop (local.get $errno))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br_if $more (i32.lt_u (local.get $i) (i32.const 12000)))))
    ;; Making all 12,000 links shows as "check 12000: errno 0, wanted 58"; making some
    ;; before failing, as "check 0: errno N, wanted 0" with N links made.
    (call $check (local.get $i) (local.get $errno) (i32.const 58))
    (call $check (i32.const 0) (local.get $i) (i32.const 0))
    (call $finish)))
