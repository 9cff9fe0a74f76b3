;; Makes NaNs with float arithmetic on inputs read from memory (so no engine can fold them)
;; and checks their bits: every arithmetic NaN must be the canonical one (positive, quiet,
;; zero payload), as wasmi gives it, whatever the hardware or engine. Browser engines do
;; not canonicalise, so the meter does it for them. Prints "canonical" and exits 0, or
;; prints which one differs and exits 1. Sign-bit operators keep payloads, and are checked
;; to: canonicalising those would be as wrong.
(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
  (memory (export "memory") 1)
  (data (i32.const 96) "canonical\n")
  (data (i32.const 112) "differs: ")
  ;; Inputs: f32 inf, f32 NaN with payload 0x200000, f64 zero, f64 -1.
  (data (i32.const 200) "\00\00\80\7f" "\00\00\a0\7f" "\00\00\00\00\00\00\00\00" "\00\00\00\00\00\00\f0\bf")
  (func $print (param $ptr i32) (param $len i32)
    (i32.store (i32.const 0) (local.get $ptr))
    (i32.store (i32.const 4) (local.get $len))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8))))
  ;; Fails with the check's number as a letter when $got is not $want.
  (func $check32 (param $n i32) (param $got i32) (param $want i32)
    (if (i32.ne (local.get $got) (local.get $want))
      (then
        (call $print (i32.const 112) (i32.const 9))
        (i32.store8 (i32.const 130) (i32.add (i32.const 97) (local.get $n)))
        (i32.store8 (i32.const 131) (i32.const 10))
        (call $print (i32.const 130) (i32.const 2))
        (call $proc_exit (i32.const 1)))))
  (func $check64 (param $n i32) (param $got i64) (param $want i64)
    (call $check32 (local.get $n) (i32.wrap_i64 (i64.xor (local.get $got) (local.get $want))) (i32.const 0))
    (call $check32 (local.get $n) (i32.wrap_i64 (i64.shr_u (i64.xor (local.get $got) (local.get $want)) (i64.const 32))) (i32.const 0)))
  (func (export "_start")
    (local $inf f32) (local $nan f32) (local $zero f64) (local $minus f64)
    (local.set $inf (f32.load (i32.const 200)))
    (local.set $nan (f32.load (i32.const 204)))
    (local.set $zero (f64.load (i32.const 208)))
    (local.set $minus (f64.load (i32.const 216)))
    (call $check32 (i32.const 0) (i32.reinterpret_f32 (f32.sub (local.get $inf) (local.get $inf))) (i32.const 0x7fc00000))
    (call $check32 (i32.const 1) (i32.reinterpret_f32 (f32.add (local.get $nan) (f32.const 1))) (i32.const 0x7fc00000))
    (call $check32 (i32.const 2) (i32.reinterpret_f32 (f32.mul (local.get $inf) (f32.const 0))) (i32.const 0x7fc00000))
    (call $check32 (i32.const 3) (i32.reinterpret_f32 (f32.min (local.get $nan) (f32.const 1))) (i32.const 0x7fc00000))
    (call $check32 (i32.const 4) (i32.reinterpret_f32 (f32.demote_f64 (f64.div (local.get $zero) (local.get $zero)))) (i32.const 0x7fc00000))
    (call $check64 (i32.const 5) (i64.reinterpret_f64 (f64.div (local.get $zero) (local.get $zero))) (i64.const 0x7ff8000000000000))
    (call $check64 (i32.const 6) (i64.reinterpret_f64 (f64.sqrt (local.get $minus))) (i64.const 0x7ff8000000000000))
    (call $check64 (i32.const 7) (i64.reinterpret_f64 (f64.promote_f32 (local.get $nan))) (i64.const 0x7ff8000000000000))
    (call $check32 (i32.const 8) (i32.reinterpret_f32 (f32.neg (local.get $nan))) (i32.const 0xffa00000))
    (call $check32 (i32.const 9) (i32.reinterpret_f32 (f32.abs (f32.neg (local.get $nan)))) (i32.const 0x7fa00000))
    (call $print (i32.const 96) (i32.const 10))))
