;; The WebAssembly SIMD engine behind gemm.ts: C (+)= op(A)·op(B) (+ b·1ᵀ) in Float64.
;;
;; Same blocking and the same 4×4 tiles as the JS micro-kernel, with each tile row held in two f64x2
;; vectors: lanes hold DIFFERENT output elements, and each element is one running sum, in increasing
;; p, started from 0 or from C (a later k-block, or accumulating), with the bias added last. So every
;; element is rounded exactly as in a naive triple loop: results are bit-identical to it. Only
;; baseline SIMD (mul, add: no fused multiply-add, no relaxed-simd, both of which change results).
;;
;; Compile with `npx tsx src/matrix/gemm-wasm.build.ts` (writes gemm-wasm.ts); a test checks that the
;; committed bytes are this file's.
;;
;; Memory: 8 MiB, fixed. It never grows, because growing detaches the old ArrayBuffer, and V8 then
;; checks for detached buffers on every typed-array access in the whole program from then on (JS
;; loops over Float64Arrays measured ~1.6× slower). Pages are only backed once touched, so the
;; footprint is what the largest product used: operands that fit are copied in whole; larger
;; products go through 512³ chunks (gemm.ts).
;;        0  8 zero bytes (nothing writes there): the source that pads ragged edges with zeros
;;       16  PA: a packed block of op(A), up to MC × KC = 128 × 256 f64, 4 rows interleaved
;;   262160  PB: a packed 4-column panel of op(B), KC × 4 f64
;;   270352  operands, placed by the caller (exported as "base")
(module
  (memory (export "memory") 128)
  (global (export "base") i32 (i32.const 270352))

  ;; Packs rows 0 .. rows-1 and depths 0 .. kc-1 of a block whose element (i, p) is the f64 at
  ;; src + i·rs + p·ps into 4-row panels at dst: (i, p) goes to dst + (i/4)·32·kc + 32·p + 8·(i%4).
  ;; Rows from `rows` up to the next multiple of 4 are zeros. Packs a block of op(A) (into PA, its
  ;; rows as rows) and a 4-column panel of op(B) (into PB, its columns as the 4 rows: then element
  ;; (p, j) of the panel sits at PB + 32·p + 8·j, one B row per 32 bytes, as the kernel reads it).
  (func $pack (param $dst i32) (param $src i32) (param $rs i32) (param $ps i32) (param $rows i32) (param $kc i32)
    (local $i i32) (local $s i32) (local $step i32) (local $d i32) (local $end i32)
    (loop $rows
      (local.set $d (i32.add
        (i32.add (local.get $dst) (i32.mul (i32.shr_u (local.get $i) (i32.const 2)) (i32.shl (local.get $kc) (i32.const 5))))
        (i32.shl (i32.and (local.get $i) (i32.const 3)) (i32.const 3))))
      (local.set $end (i32.add (local.get $d) (i32.shl (local.get $kc) (i32.const 5))))
      ;; a real row walks the source; a padding row reads the zero at address 0 again and again
      (local.set $s (i32.const 0))
      (local.set $step (i32.const 0))
      (if (i32.lt_u (local.get $i) (local.get $rows))
        (then
          (local.set $s (i32.add (local.get $src) (i32.mul (local.get $i) (local.get $rs))))
          (local.set $step (local.get $ps))))
      (loop $depth
        (f64.store (local.get $d) (f64.load (local.get $s)))
        (local.set $s (i32.add (local.get $s) (local.get $step)))
        (local.set $d (i32.add (local.get $d) (i32.const 32)))
        (br_if $depth (i32.lt_u (local.get $d) (local.get $end))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $rows (i32.lt_u (local.get $i) (i32.and (i32.add (local.get $rows) (i32.const 3)) (i32.const -4))))))

  ;; The 4×4 micro-kernel: C[r][c] (+)= Σ_p A[r][p]·B[p][c] for the packed A panel at $ap (4 rows,
  ;; kc deep) and a B panel of 4 columns at $bp, one B row (4 f64) per $bs bytes: the packed panel at
  ;; PB ($bs = 32), or op(B) itself when its rows are contiguous, on the tile at $cp (row stride $ldc bytes). Sums start
  ;; from the tile's values when $load, else from +0 (the zero-initialised locals, as a naive loop's
  ;; `s = 0`). When $bias is not 0, row r's finished sums get the f64 at $bias + 8·r added.
  (func $tile (param $ap i32) (param $kc i32) (param $bp i32) (param $bs i32) (param $cp i32) (param $ldc i32)
    (param $load i32) (param $bias i32)
    (local $r i32) (local $end i32)
    (local $c00 v128) (local $c01 v128) (local $c10 v128) (local $c11 v128)
    (local $c20 v128) (local $c21 v128) (local $c30 v128) (local $c31 v128)
    (local $b0 v128) (local $b1 v128) (local $x v128)
    (if (local.get $load)
      (then
        (local.set $r (local.get $cp))
        (local.set $c00 (v128.load offset=0 (local.get $r)))
        (local.set $c01 (v128.load offset=16 (local.get $r)))
        (local.set $r (i32.add (local.get $r) (local.get $ldc)))
        (local.set $c10 (v128.load offset=0 (local.get $r)))
        (local.set $c11 (v128.load offset=16 (local.get $r)))
        (local.set $r (i32.add (local.get $r) (local.get $ldc)))
        (local.set $c20 (v128.load offset=0 (local.get $r)))
        (local.set $c21 (v128.load offset=16 (local.get $r)))
        (local.set $r (i32.add (local.get $r) (local.get $ldc)))
        (local.set $c30 (v128.load offset=0 (local.get $r)))
        (local.set $c31 (v128.load offset=16 (local.get $r)))))
    ;; The running sums: per depth p, one B row (2 vectors) times each A element (splat), added.
    (local.set $end (i32.add (local.get $bp) (i32.mul (local.get $kc) (local.get $bs))))
    (loop $depth
      (local.set $b0 (v128.load offset=0 (local.get $bp)))
      (local.set $b1 (v128.load offset=16 (local.get $bp)))
      (local.set $x (v128.load64_splat offset=0 (local.get $ap)))
      (local.set $c00 (f64x2.add (local.get $c00) (f64x2.mul (local.get $x) (local.get $b0))))
      (local.set $c01 (f64x2.add (local.get $c01) (f64x2.mul (local.get $x) (local.get $b1))))
      (local.set $x (v128.load64_splat offset=8 (local.get $ap)))
      (local.set $c10 (f64x2.add (local.get $c10) (f64x2.mul (local.get $x) (local.get $b0))))
      (local.set $c11 (f64x2.add (local.get $c11) (f64x2.mul (local.get $x) (local.get $b1))))
      (local.set $x (v128.load64_splat offset=16 (local.get $ap)))
      (local.set $c20 (f64x2.add (local.get $c20) (f64x2.mul (local.get $x) (local.get $b0))))
      (local.set $c21 (f64x2.add (local.get $c21) (f64x2.mul (local.get $x) (local.get $b1))))
      (local.set $x (v128.load64_splat offset=24 (local.get $ap)))
      (local.set $c30 (f64x2.add (local.get $c30) (f64x2.mul (local.get $x) (local.get $b0))))
      (local.set $c31 (f64x2.add (local.get $c31) (f64x2.mul (local.get $x) (local.get $b1))))
      (local.set $ap (i32.add (local.get $ap) (i32.const 32)))
      (local.set $bp (i32.add (local.get $bp) (local.get $bs)))
      (br_if $depth (i32.lt_u (local.get $bp) (local.get $end))))
    ;; The fused bias: once, after the last k-block, in the order of adding it afterwards. Padding
    ;; rows read whatever follows the bias; they are never copied out.
    (if (local.get $bias)
      (then
        (local.set $x (v128.load64_splat offset=0 (local.get $bias)))
        (local.set $c00 (f64x2.add (local.get $c00) (local.get $x)))
        (local.set $c01 (f64x2.add (local.get $c01) (local.get $x)))
        (local.set $x (v128.load64_splat offset=8 (local.get $bias)))
        (local.set $c10 (f64x2.add (local.get $c10) (local.get $x)))
        (local.set $c11 (f64x2.add (local.get $c11) (local.get $x)))
        (local.set $x (v128.load64_splat offset=16 (local.get $bias)))
        (local.set $c20 (f64x2.add (local.get $c20) (local.get $x)))
        (local.set $c21 (f64x2.add (local.get $c21) (local.get $x)))
        (local.set $x (v128.load64_splat offset=24 (local.get $bias)))
        (local.set $c30 (f64x2.add (local.get $c30) (local.get $x)))
        (local.set $c31 (f64x2.add (local.get $c31) (local.get $x)))))
    (local.set $r (local.get $cp))
    (v128.store offset=0 (local.get $r) (local.get $c00))
    (v128.store offset=16 (local.get $r) (local.get $c01))
    (local.set $r (i32.add (local.get $r) (local.get $ldc)))
    (v128.store offset=0 (local.get $r) (local.get $c10))
    (v128.store offset=16 (local.get $r) (local.get $c11))
    (local.set $r (i32.add (local.get $r) (local.get $ldc)))
    (v128.store offset=0 (local.get $r) (local.get $c20))
    (v128.store offset=16 (local.get $r) (local.get $c21))
    (local.set $r (i32.add (local.get $r) (local.get $ldc)))
    (v128.store offset=0 (local.get $r) (local.get $c30))
    (v128.store offset=16 (local.get $r) (local.get $c31)))

;; C (+)= op(A)·op(B) (+ b·1ᵀ), op(A) (m, k), op(B) (k, n), k ≥ 1, all operands in memory:
  ;; element (i, p) of op(A) at a + i·ars + p·aps, element (p, j) of op(B) at b + p·bps + j·bcs, the
  ;; bias (m f64, then 3 readable f64) at bias, C at c, row-major with its rows padded to a multiple
  ;; of 4 (ldc = ⌈n/4⌉·4 f64) and ⌈m/4⌉·4 rows: tiles are always whole, the padding is never read
  ;; back. flags: 1 = start from C's values (accumulate), 2 = add the bias, 4 = read op(B) in place
  ;; instead of packing its panels (only when bcs = 8, its columns adjacent: a ragged last panel then
  ;; reads up to 3 f64 past a row, whatever follows, into C's padding columns, which are never read
  ;; back): for thin products, whose B panels serve one or two tiles and do not repay packing.
  ;; Blocked as the JS engine: k-blocks of KC = 256, row blocks of MC = 128, 4-column panels, 4×4 tiles.
  (func (export "gemm") (param $m i32) (param $k i32) (param $n i32)
                        (param $a i32) (param $ars i32) (param $aps i32)
                        (param $b i32) (param $bps i32) (param $bcs i32)
                        (param $c i32) (param $bias i32) (param $flags i32)
    (local $p0 i32) (local $kc i32) (local $i0 i32) (local $mc i32) (local $j0 i32) (local $ib i32)
    (local $ldc i32) (local $load i32) (local $last i32) (local $bp i32) (local $bs i32)
    (local.set $ldc (i32.shl (i32.and (i32.add (local.get $n) (i32.const 3)) (i32.const -4)) (i32.const 3)))
    (loop $kblocks
      (local.set $kc (i32.sub (local.get $k) (local.get $p0)))
      (if (i32.gt_u (local.get $kc) (i32.const 256)) (then (local.set $kc (i32.const 256))))
      (local.set $load (i32.or (i32.and (local.get $flags) (i32.const 1)) (local.get $p0)))
      ;; the bias goes in with the last k-block only
      (local.set $last (select (local.get $bias) (i32.const 0)
        (i32.and (i32.shr_u (local.get $flags) (i32.const 1))
                 (i32.eq (i32.add (local.get $p0) (local.get $kc)) (local.get $k)))))
      (local.set $i0 (i32.const 0))
      (loop $rowblocks
        (local.set $mc (i32.sub (local.get $m) (local.get $i0)))
        (if (i32.gt_u (local.get $mc) (i32.const 128)) (then (local.set $mc (i32.const 128))))
        (call $pack (i32.const 16)
          (i32.add (i32.add (local.get $a) (i32.mul (local.get $i0) (local.get $ars))) (i32.mul (local.get $p0) (local.get $aps)))
          (local.get $ars) (local.get $aps) (local.get $mc) (local.get $kc))
        (local.set $j0 (i32.const 0))
        (loop $panels
          ;; columns j0 .. j0+3 of op(B), in place, or packed as the rows of a 4-row panel (at most 4 real)
          (local.set $bp
            (i32.add (i32.add (local.get $b) (i32.mul (local.get $p0) (local.get $bps))) (i32.mul (local.get $j0) (local.get $bcs))))
          (local.set $bs (local.get $bps))
          (if (i32.eqz (i32.and (local.get $flags) (i32.const 4)))
            (then
              (call $pack (i32.const 262160) (local.get $bp)
                (local.get $bcs) (local.get $bps)
                (select (i32.const 4) (i32.sub (local.get $n) (local.get $j0)) (i32.gt_u (i32.sub (local.get $n) (local.get $j0)) (i32.const 4)))
                (local.get $kc))
              (local.set $bp (i32.const 262160))
              (local.set $bs (i32.const 32))))
          (local.set $ib (i32.const 0))
          (loop $tiles
            (call $tile
              (i32.add (i32.const 16) (i32.mul (local.get $ib) (i32.shl (local.get $kc) (i32.const 3))))
              (local.get $kc)
              (local.get $bp)
              (local.get $bs)
              (i32.add (i32.add (local.get $c) (i32.mul (i32.add (local.get $i0) (local.get $ib)) (local.get $ldc)))
                (i32.shl (local.get $j0) (i32.const 3)))
              (local.get $ldc)
              (local.get $load)
              (select (i32.add (local.get $last) (i32.shl (i32.add (local.get $i0) (local.get $ib)) (i32.const 3))) (i32.const 0)
                (local.get $last)))
            (local.set $ib (i32.add (local.get $ib) (i32.const 4)))
            (br_if $tiles (i32.lt_u (local.get $ib) (local.get $mc))))
          (local.set $j0 (i32.add (local.get $j0) (i32.const 4)))
          (br_if $panels (i32.lt_u (local.get $j0) (local.get $n))))
        (local.set $i0 (i32.add (local.get $i0) (i32.const 128)))
        (br_if $rowblocks (i32.lt_u (local.get $i0) (local.get $m))))
      (local.set $p0 (i32.add (local.get $p0) (local.get $kc)))
      (br_if $kblocks (i32.lt_u (local.get $p0) (local.get $k))))))
