;; The fast path's WebAssembly SIMD kernels (cpu backend, and the recurrences on wasm). Source of
;; simdModule.ts: `node scripts/build-wasm.mjs` compiles this file with wabt and writes the bytes
;; there as base64; a unit test checks they match, so the two never drift.
;;
;; Every pointer is a byte offset into the exported memory; callers lay their operands out in it.
;;
;; gemm: C (+)= A · Bᵀ, A [m, k] (row stride lda floats), B [n, k] (row stride ldb), C [m, n] dense.
;;   Register-blocked 2 × 4: two rows of A against four rows of B, eight f32x4 partial sums over k
;;   (each inner step loads 6 vectors for 32 multiply-adds), reduced by shuffles to one vector of four
;;   results per row, stored at once. Accumulation is float32, lane-wise then across lanes.
;; mm: C (+)= A · B, A's element (i, q) at a + (i·ai + q·aq) floats (so A or Aᵀ, no copy), B [k, n]
;;   row-major (row stride ldb), C [m, n] (row stride ldc). Register-blocked 4 × 8 in outer-product
;;   form: per q, two vectors of B's row q against four splatted elements of A's column q, eight
;;   f32x4 sums held in registers over all of k, no reduction across lanes; then 4 × 4, a 4-wide
;;   tile for the last n % 4 columns (it reads up to 3 floats past B's last row: callers keep slack)
;;   storing only those, and single rows at the edges. Float32 accumulation in q order, as a naive loop.
;; tanh: x ← tanh(x) in place, Eigen's rational approximation (odd degree-13 numerator over an even
;;   degree-6 denominator, input clamped to ±7.9053…): no exp, within 3 float32 ulp of tanh, NaN stays
;;   NaN. sigmoid: x ← σ(x) = 0.5 + 0.5 · tanh(x / 2) (absolute error below 2e-7).
;; mul: a ← a ⊙ b (dropout masks).
;; lstmFwd / lstmBwd: one LSTM time step for a block of rows with tanh as the activation, in one
;;   pass: gates i, f, o = σ, candidate and act(c) = tanh (the same rational tanh), c = f ⊙ c_{t−1}
;;   + i ⊙ g, h = o ⊙ act(c), gate values written back over the pre-activations; backward, from
;;   dLoss/dh and dLoss/dc of step t + 1 the four gates' dZ and dLoss/dc_t, in place. The last
;;   u % 4 of each row are computed in a vector that reads past the row (harmless: the workspace
;;   keeps slack after its last buffer) and stored lane by lane.
;; gruGates / gruState / gruBack1 / gruBack2: the GRU step's element-wise passes alike (tanh), split
;;   where a product comes between: z, r and r ⊙ h_{t−1}; then the candidate and h; backward the
;;   candidate's dA and dZ_z; then, after dA_h · U_hᵀ, dZ_r and dLoss/dh_{t−1}.
;; mask: dropout multipliers from mulberry32 (core/rng.ts), four draws at a time: draw n of a stream at
;;   counter s hashes s + n·0x6d2b79f5, so the lanes are independent; each is `keep` when the 32-bit
;;   draw ≥ threshold (= ⌈rate · 2³²⌉, so exactly uniform() ≥ rate), else 0.
(module
  (memory (export "mem") 16)

  ;; [Σ s0, Σ s1, Σ s2, Σ s3]: each input's four lanes summed, as one vector.
  (func $hsum4 (param $s0 v128) (param $s1 v128) (param $s2 v128) (param $s3 v128) (result v128)
    (local $p01 v128) (local $p23 v128)
    ;; [s0.0 + s0.2, s1.0 + s1.2, s0.1 + s0.3, s1.1 + s1.3]
    (local.set $p01
      (f32x4.add
        (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $s0) (local.get $s1))
        (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $s0) (local.get $s1))))
    (local.set $p23
      (f32x4.add
        (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $s2) (local.get $s3))
        (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $s2) (local.get $s3))))
    (f32x4.add
      (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $p01) (local.get $p23))
      (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $p01) (local.get $p23))))

  ;; [B0[q], B1[q], B2[q], B3[q]] for four rows of B starting at pb, stride ldb bytes.
  (func $column4 (param $pb i32) (param $ldb i32) (result v128)
    (f32x4.replace_lane 3
      (f32x4.replace_lane 2
        (f32x4.replace_lane 1
          (f32x4.splat (f32.load (local.get $pb)))
          (f32.load (i32.add (local.get $pb) (local.get $ldb))))
        (f32.load (i32.add (local.get $pb) (i32.shl (local.get $ldb) (i32.const 1)))))
      (f32.load (i32.add (local.get $pb) (i32.mul (local.get $ldb) (i32.const 3))))))

  ;; Rows pa0, pa1 of A against rows pb … pb + 3·ldb of B over kb bytes (k4b of them in vectors):
  ;; the two rows' four dot products.
  (func $dot2x4 (param $pa0 i32) (param $pa1 i32) (param $pb i32) (param $ldb i32)
    (param $k4b i32) (param $kb i32) (result v128 v128)
    (local $pb1 i32) (local $pb2 i32) (local $pb3 i32) (local $q i32)
    (local $a0 v128) (local $a1 v128) (local $v v128)
    (local $s00 v128) (local $s01 v128) (local $s02 v128) (local $s03 v128)
    (local $s10 v128) (local $s11 v128) (local $s12 v128) (local $s13 v128)
    (local $r0 v128) (local $r1 v128)
    (local.set $pb1 (i32.add (local.get $pb) (local.get $ldb)))
    (local.set $pb2 (i32.add (local.get $pb1) (local.get $ldb)))
    (local.set $pb3 (i32.add (local.get $pb2) (local.get $ldb)))
    (block $done
      (loop $k
        (br_if $done (i32.ge_s (local.get $q) (local.get $k4b)))
        (local.set $a0 (v128.load (i32.add (local.get $pa0) (local.get $q))))
        (local.set $a1 (v128.load (i32.add (local.get $pa1) (local.get $q))))
        (local.set $v (v128.load (i32.add (local.get $pb) (local.get $q))))
        (local.set $s00 (f32x4.add (local.get $s00) (f32x4.mul (local.get $a0) (local.get $v))))
        (local.set $s10 (f32x4.add (local.get $s10) (f32x4.mul (local.get $a1) (local.get $v))))
        (local.set $v (v128.load (i32.add (local.get $pb1) (local.get $q))))
        (local.set $s01 (f32x4.add (local.get $s01) (f32x4.mul (local.get $a0) (local.get $v))))
        (local.set $s11 (f32x4.add (local.get $s11) (f32x4.mul (local.get $a1) (local.get $v))))
        (local.set $v (v128.load (i32.add (local.get $pb2) (local.get $q))))
        (local.set $s02 (f32x4.add (local.get $s02) (f32x4.mul (local.get $a0) (local.get $v))))
        (local.set $s12 (f32x4.add (local.get $s12) (f32x4.mul (local.get $a1) (local.get $v))))
        (local.set $v (v128.load (i32.add (local.get $pb3) (local.get $q))))
        (local.set $s03 (f32x4.add (local.get $s03) (f32x4.mul (local.get $a0) (local.get $v))))
        (local.set $s13 (f32x4.add (local.get $s13) (f32x4.mul (local.get $a1) (local.get $v))))
        (local.set $q (i32.add (local.get $q) (i32.const 16)))
        (br $k)))
    (local.set $r0 (call $hsum4 (local.get $s00) (local.get $s01) (local.get $s02) (local.get $s03)))
    (local.set $r1 (call $hsum4 (local.get $s10) (local.get $s11) (local.get $s12) (local.get $s13)))
    ;; The k tail (k % 4 floats), one column of the four B rows at a time.
    (block $tdone
      (loop $t
        (br_if $tdone (i32.ge_s (local.get $q) (local.get $kb)))
        (local.set $v (call $column4 (i32.add (local.get $pb) (local.get $q)) (local.get $ldb)))
        (local.set $r0 (f32x4.add (local.get $r0)
          (f32x4.mul (local.get $v) (v128.load32_splat (i32.add (local.get $pa0) (local.get $q))))))
        (local.set $r1 (f32x4.add (local.get $r1)
          (f32x4.mul (local.get $v) (v128.load32_splat (i32.add (local.get $pa1) (local.get $q))))))
        (local.set $q (i32.add (local.get $q) (i32.const 4)))
        (br $t)))
    (local.get $r0)
    (local.get $r1))

  ;; Row pa of A against rows pb … pb + 3·ldb of B: four dot products.
  (func $dot1x4 (param $pa i32) (param $pb i32) (param $ldb i32) (param $k4b i32) (param $kb i32)
    (result v128)
    (local $pb1 i32) (local $pb2 i32) (local $pb3 i32) (local $q i32)
    (local $a v128) (local $s0 v128) (local $s1 v128) (local $s2 v128) (local $s3 v128) (local $r v128)
    (local.set $pb1 (i32.add (local.get $pb) (local.get $ldb)))
    (local.set $pb2 (i32.add (local.get $pb1) (local.get $ldb)))
    (local.set $pb3 (i32.add (local.get $pb2) (local.get $ldb)))
    (block $done
      (loop $k
        (br_if $done (i32.ge_s (local.get $q) (local.get $k4b)))
        (local.set $a (v128.load (i32.add (local.get $pa) (local.get $q))))
        (local.set $s0 (f32x4.add (local.get $s0)
          (f32x4.mul (local.get $a) (v128.load (i32.add (local.get $pb) (local.get $q))))))
        (local.set $s1 (f32x4.add (local.get $s1)
          (f32x4.mul (local.get $a) (v128.load (i32.add (local.get $pb1) (local.get $q))))))
        (local.set $s2 (f32x4.add (local.get $s2)
          (f32x4.mul (local.get $a) (v128.load (i32.add (local.get $pb2) (local.get $q))))))
        (local.set $s3 (f32x4.add (local.get $s3)
          (f32x4.mul (local.get $a) (v128.load (i32.add (local.get $pb3) (local.get $q))))))
        (local.set $q (i32.add (local.get $q) (i32.const 16)))
        (br $k)))
    (local.set $r (call $hsum4 (local.get $s0) (local.get $s1) (local.get $s2) (local.get $s3)))
    (block $tdone
      (loop $t
        (br_if $tdone (i32.ge_s (local.get $q) (local.get $kb)))
        (local.set $r (f32x4.add (local.get $r)
          (f32x4.mul
            (call $column4 (i32.add (local.get $pb) (local.get $q)) (local.get $ldb))
            (v128.load32_splat (i32.add (local.get $pa) (local.get $q))))))
        (local.set $q (i32.add (local.get $q) (i32.const 4)))
        (br $t)))
    (local.get $r))

  ;; Row pa of A against row pb of B: one dot product.
  (func $dot1 (param $pa i32) (param $pb i32) (param $k4b i32) (param $kb i32) (result f32)
    (local $q i32) (local $s v128) (local $x f32)
    (block $done
      (loop $k
        (br_if $done (i32.ge_s (local.get $q) (local.get $k4b)))
        (local.set $s (f32x4.add (local.get $s)
          (f32x4.mul (v128.load (i32.add (local.get $pa) (local.get $q)))
            (v128.load (i32.add (local.get $pb) (local.get $q))))))
        (local.set $q (i32.add (local.get $q) (i32.const 16)))
        (br $k)))
    (local.set $x
      (f32.add
        (f32.add (f32x4.extract_lane 0 (local.get $s)) (f32x4.extract_lane 1 (local.get $s)))
        (f32.add (f32x4.extract_lane 2 (local.get $s)) (f32x4.extract_lane 3 (local.get $s)))))
    (block $tdone
      (loop $t
        (br_if $tdone (i32.ge_s (local.get $q) (local.get $kb)))
        (local.set $x (f32.add (local.get $x)
          (f32.mul (f32.load (i32.add (local.get $pa) (local.get $q)))
            (f32.load (i32.add (local.get $pb) (local.get $q))))))
        (local.set $q (i32.add (local.get $q) (i32.const 4)))
        (br $t)))
    (local.get $x))

  ;; Stores four results at pc (adding what is there when acc ≠ 0).
  (func $store4 (param $pc i32) (param $v v128) (param $acc i32)
    (v128.store (local.get $pc)
      (select (result v128)
        (f32x4.add (local.get $v) (v128.load (local.get $pc)))
        (local.get $v)
        (local.get $acc))))

  (func $store1 (param $pc i32) (param $x f32) (param $acc i32)
    (f32.store (local.get $pc)
      (select (result f32)
        (f32.add (local.get $x) (f32.load (local.get $pc)))
        (local.get $x)
        (local.get $acc))))

  (func (export "gemm") (param $a i32) (param $b i32) (param $c i32) (param $m i32) (param $k i32)
    (param $n i32) (param $lda i32) (param $ldb i32) (param $acc i32)
    (local $kb i32) (local $k4b i32) (local $nb i32) (local $r i32) (local $i i32)
    (local $pa i32) (local $pc i32) (local $pb i32) (local $v0 v128) (local $v1 v128)
    (local.set $lda (i32.shl (local.get $lda) (i32.const 2)))
    (local.set $ldb (i32.shl (local.get $ldb) (i32.const 2)))
    (local.set $kb (i32.shl (local.get $k) (i32.const 2)))
    (local.set $k4b (i32.and (local.get $kb) (i32.const -16)))
    (local.set $nb (i32.shl (local.get $n) (i32.const 2)))
    ;; Two rows of A at a time.
    (block $rows2done
      (loop $rows2
        (br_if $rows2done (i32.ge_s (i32.add (local.get $r) (i32.const 1)) (local.get $m)))
        (local.set $pa (i32.add (local.get $a) (i32.mul (local.get $r) (local.get $lda))))
        (local.set $pc (i32.add (local.get $c) (i32.mul (local.get $r) (local.get $nb))))
        (local.set $i (i32.const 0))
        (block $cols4done
          (loop $cols4
            (br_if $cols4done (i32.gt_s (i32.add (local.get $i) (i32.const 4)) (local.get $n)))
            (local.set $pb (i32.add (local.get $b) (i32.mul (local.get $i) (local.get $ldb))))
            (call $dot2x4 (local.get $pa) (i32.add (local.get $pa) (local.get $lda)) (local.get $pb)
              (local.get $ldb) (local.get $k4b) (local.get $kb))
            (local.set $v1)
            (local.set $v0)
            (call $store4 (i32.add (local.get $pc) (i32.shl (local.get $i) (i32.const 2)))
              (local.get $v0) (local.get $acc))
            (call $store4
              (i32.add (i32.add (local.get $pc) (local.get $nb)) (i32.shl (local.get $i) (i32.const 2)))
              (local.get $v1) (local.get $acc))
            (local.set $i (i32.add (local.get $i) (i32.const 4)))
            (br $cols4)))
        ;; The last n % 4 columns, one at a time.
        (block $cols1done
          (loop $cols1
            (br_if $cols1done (i32.ge_s (local.get $i) (local.get $n)))
            (local.set $pb (i32.add (local.get $b) (i32.mul (local.get $i) (local.get $ldb))))
            (call $store1 (i32.add (local.get $pc) (i32.shl (local.get $i) (i32.const 2)))
              (call $dot1 (local.get $pa) (local.get $pb) (local.get $k4b) (local.get $kb))
              (local.get $acc))
            (call $store1
              (i32.add (i32.add (local.get $pc) (local.get $nb)) (i32.shl (local.get $i) (i32.const 2)))
              (call $dot1 (i32.add (local.get $pa) (local.get $lda)) (local.get $pb) (local.get $k4b)
                (local.get $kb))
              (local.get $acc))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $cols1)))
        (local.set $r (i32.add (local.get $r) (i32.const 2)))
        (br $rows2)))
    ;; The last row when m is odd.
    (if (i32.lt_s (local.get $r) (local.get $m))
      (then
        (local.set $pa (i32.add (local.get $a) (i32.mul (local.get $r) (local.get $lda))))
        (local.set $pc (i32.add (local.get $c) (i32.mul (local.get $r) (local.get $nb))))
        (local.set $i (i32.const 0))
        (block $cols4done
          (loop $cols4
            (br_if $cols4done (i32.gt_s (i32.add (local.get $i) (i32.const 4)) (local.get $n)))
            (call $store4 (i32.add (local.get $pc) (i32.shl (local.get $i) (i32.const 2)))
              (call $dot1x4 (local.get $pa)
                (i32.add (local.get $b) (i32.mul (local.get $i) (local.get $ldb)))
                (local.get $ldb) (local.get $k4b) (local.get $kb))
              (local.get $acc))
            (local.set $i (i32.add (local.get $i) (i32.const 4)))
            (br $cols4)))
        (block $cols1done
          (loop $cols1
            (br_if $cols1done (i32.ge_s (local.get $i) (local.get $n)))
            (call $store1 (i32.add (local.get $pc) (i32.shl (local.get $i) (i32.const 2)))
              (call $dot1 (local.get $pa)
                (i32.add (local.get $b) (i32.mul (local.get $i) (local.get $ldb)))
                (local.get $k4b) (local.get $kb))
              (local.get $acc))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $cols1))))))

  ;; A 4-row by 8-column tile of C = A · B (see mm).
  (func $t4x8 (param $pa i32) (param $pb i32) (param $pc i32) (param $k i32) (param $ai i32)
    (param $aq i32) (param $ldb i32) (param $ldc i32) (param $acc i32)
    (local $q i32) (local $ai2 i32) (local $ai3 i32)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128) (local $b0 v128) (local $b1 v128)
    (local $c00 v128) (local $c01 v128) (local $c10 v128) (local $c11 v128) (local $c20 v128) (local $c21 v128) (local $c30 v128) (local $c31 v128)
    (local.set $ai2 (i32.shl (local.get $ai) (i32.const 1)))
    (local.set $ai3 (i32.add (local.get $ai2) (local.get $ai)))
    (block $done
      (loop $l
        (br_if $done (i32.ge_s (local.get $q) (local.get $k)))
        (local.set $b0 (v128.load (local.get $pb)))
        (local.set $b1 (v128.load offset=16 (local.get $pb)))
        (local.set $a0 (v128.load32_splat (local.get $pa)))
        (local.set $a1 (v128.load32_splat (i32.add (local.get $pa) (local.get $ai))))
        (local.set $a2 (v128.load32_splat (i32.add (local.get $pa) (local.get $ai2))))
        (local.set $a3 (v128.load32_splat (i32.add (local.get $pa) (local.get $ai3))))
        (local.set $c00 (f32x4.add (local.get $c00) (f32x4.mul (local.get $a0) (local.get $b0))))
        (local.set $c01 (f32x4.add (local.get $c01) (f32x4.mul (local.get $a0) (local.get $b1))))
        (local.set $c10 (f32x4.add (local.get $c10) (f32x4.mul (local.get $a1) (local.get $b0))))
        (local.set $c11 (f32x4.add (local.get $c11) (f32x4.mul (local.get $a1) (local.get $b1))))
        (local.set $c20 (f32x4.add (local.get $c20) (f32x4.mul (local.get $a2) (local.get $b0))))
        (local.set $c21 (f32x4.add (local.get $c21) (f32x4.mul (local.get $a2) (local.get $b1))))
        (local.set $c30 (f32x4.add (local.get $c30) (f32x4.mul (local.get $a3) (local.get $b0))))
        (local.set $c31 (f32x4.add (local.get $c31) (f32x4.mul (local.get $a3) (local.get $b1))))
        (local.set $pa (i32.add (local.get $pa) (local.get $aq)))
        (local.set $pb (i32.add (local.get $pb) (local.get $ldb)))
        (local.set $q (i32.add (local.get $q) (i32.const 1)))
        (br $l)))
    (call $store4 (local.get $pc) (local.get $c00) (local.get $acc))
    (call $store4 (i32.add (local.get $pc) (i32.const 16)) (local.get $c01) (local.get $acc))
    (call $store4 (i32.add (local.get $pc) (i32.mul (local.get $ldc) (i32.const 1))) (local.get $c10) (local.get $acc))
    (call $store4 (i32.add (i32.add (local.get $pc) (i32.mul (local.get $ldc) (i32.const 1))) (i32.const 16)) (local.get $c11) (local.get $acc))
    (call $store4 (i32.add (local.get $pc) (i32.mul (local.get $ldc) (i32.const 2))) (local.get $c20) (local.get $acc))
    (call $store4 (i32.add (i32.add (local.get $pc) (i32.mul (local.get $ldc) (i32.const 2))) (i32.const 16)) (local.get $c21) (local.get $acc))
    (call $store4 (i32.add (local.get $pc) (i32.mul (local.get $ldc) (i32.const 3))) (local.get $c30) (local.get $acc))
    (call $store4 (i32.add (i32.add (local.get $pc) (i32.mul (local.get $ldc) (i32.const 3))) (i32.const 16)) (local.get $c31) (local.get $acc)))

  ;; A 4-row by 4-column tile of C = A · B (see mm).
  (func $t4x4 (param $pa i32) (param $pb i32) (param $pc i32) (param $k i32) (param $ai i32)
    (param $aq i32) (param $ldb i32) (param $ldc i32) (param $acc i32)
    (local $q i32) (local $ai2 i32) (local $ai3 i32)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128) (local $b0 v128)
    (local $c00 v128) (local $c10 v128) (local $c20 v128) (local $c30 v128)
    (local.set $ai2 (i32.shl (local.get $ai) (i32.const 1)))
    (local.set $ai3 (i32.add (local.get $ai2) (local.get $ai)))
    (block $done
      (loop $l
        (br_if $done (i32.ge_s (local.get $q) (local.get $k)))
        (local.set $b0 (v128.load (local.get $pb)))
        (local.set $a0 (v128.load32_splat (local.get $pa)))
        (local.set $a1 (v128.load32_splat (i32.add (local.get $pa) (local.get $ai))))
        (local.set $a2 (v128.load32_splat (i32.add (local.get $pa) (local.get $ai2))))
        (local.set $a3 (v128.load32_splat (i32.add (local.get $pa) (local.get $ai3))))
        (local.set $c00 (f32x4.add (local.get $c00) (f32x4.mul (local.get $a0) (local.get $b0))))
        (local.set $c10 (f32x4.add (local.get $c10) (f32x4.mul (local.get $a1) (local.get $b0))))
        (local.set $c20 (f32x4.add (local.get $c20) (f32x4.mul (local.get $a2) (local.get $b0))))
        (local.set $c30 (f32x4.add (local.get $c30) (f32x4.mul (local.get $a3) (local.get $b0))))
        (local.set $pa (i32.add (local.get $pa) (local.get $aq)))
        (local.set $pb (i32.add (local.get $pb) (local.get $ldb)))
        (local.set $q (i32.add (local.get $q) (i32.const 1)))
        (br $l)))
    (call $store4 (local.get $pc) (local.get $c00) (local.get $acc))
    (call $store4 (i32.add (local.get $pc) (i32.mul (local.get $ldc) (i32.const 1))) (local.get $c10) (local.get $acc))
    (call $store4 (i32.add (local.get $pc) (i32.mul (local.get $ldc) (i32.const 2))) (local.get $c20) (local.get $acc))
    (call $store4 (i32.add (local.get $pc) (i32.mul (local.get $ldc) (i32.const 3))) (local.get $c30) (local.get $acc)))

  ;; A 1-row by 8-column tile of C = A · B (see mm).
  (func $t1x8 (param $pa i32) (param $pb i32) (param $pc i32) (param $k i32) (param $ai i32)
    (param $aq i32) (param $ldb i32) (param $ldc i32) (param $acc i32)
    (local $q i32) 
    (local $a0 v128) (local $b0 v128) (local $b1 v128)
    (local $c00 v128) (local $c01 v128)
    (block $done
      (loop $l
        (br_if $done (i32.ge_s (local.get $q) (local.get $k)))
        (local.set $b0 (v128.load (local.get $pb)))
        (local.set $b1 (v128.load offset=16 (local.get $pb)))
        (local.set $a0 (v128.load32_splat (local.get $pa)))
        (local.set $c00 (f32x4.add (local.get $c00) (f32x4.mul (local.get $a0) (local.get $b0))))
        (local.set $c01 (f32x4.add (local.get $c01) (f32x4.mul (local.get $a0) (local.get $b1))))
        (local.set $pa (i32.add (local.get $pa) (local.get $aq)))
        (local.set $pb (i32.add (local.get $pb) (local.get $ldb)))
        (local.set $q (i32.add (local.get $q) (i32.const 1)))
        (br $l)))
    (call $store4 (local.get $pc) (local.get $c00) (local.get $acc))
    (call $store4 (i32.add (local.get $pc) (i32.const 16)) (local.get $c01) (local.get $acc)))

  ;; A 1-row by 4-column tile of C = A · B (see mm).
  (func $t1x4 (param $pa i32) (param $pb i32) (param $pc i32) (param $k i32) (param $ai i32)
    (param $aq i32) (param $ldb i32) (param $ldc i32) (param $acc i32)
    (local $q i32) 
    (local $a0 v128) (local $b0 v128)
    (local $c00 v128)
    (block $done
      (loop $l
        (br_if $done (i32.ge_s (local.get $q) (local.get $k)))
        (local.set $b0 (v128.load (local.get $pb)))
        (local.set $a0 (v128.load32_splat (local.get $pa)))
        (local.set $c00 (f32x4.add (local.get $c00) (f32x4.mul (local.get $a0) (local.get $b0))))
        (local.set $pa (i32.add (local.get $pa) (local.get $aq)))
        (local.set $pb (i32.add (local.get $pb) (local.get $ldb)))
        (local.set $q (i32.add (local.get $q) (i32.const 1)))
        (br $l)))
    (call $store4 (local.get $pc) (local.get $c00) (local.get $acc)))

  ;; The first n (1…3) lanes of v at pc, added to what is there when acc.
  (func $storeN (param $pc i32) (param $v v128) (param $acc i32) (param $n i32)
    (call $store1 (local.get $pc) (f32x4.extract_lane 0 (local.get $v)) (local.get $acc))
    (if (i32.gt_s (local.get $n) (i32.const 1))
      (then (call $store1 (i32.add (local.get $pc) (i32.const 4)) (f32x4.extract_lane 1 (local.get $v))
        (local.get $acc))))
    (if (i32.gt_s (local.get $n) (i32.const 2))
      (then (call $store1 (i32.add (local.get $pc) (i32.const 8)) (f32x4.extract_lane 2 (local.get $v))
        (local.get $acc)))))

  ;; The same tile for the last n % 4 columns: reads B's row q past its end (slack), stores nl lanes.
  (func $t4x4p (param $pa i32) (param $pb i32) (param $pc i32) (param $k i32) (param $ai i32)
    (param $aq i32) (param $ldb i32) (param $ldc i32) (param $acc i32) (param $nl i32)
    (local $q i32) (local $ai2 i32) (local $ai3 i32)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128) (local $b0 v128)
    (local $c00 v128) (local $c10 v128) (local $c20 v128) (local $c30 v128)
    (local.set $ai2 (i32.shl (local.get $ai) (i32.const 1)))
    (local.set $ai3 (i32.add (local.get $ai2) (local.get $ai)))
    (block $done
      (loop $l
        (br_if $done (i32.ge_s (local.get $q) (local.get $k)))
        (local.set $b0 (v128.load (local.get $pb)))
        (local.set $a0 (v128.load32_splat (local.get $pa)))
        (local.set $a1 (v128.load32_splat (i32.add (local.get $pa) (local.get $ai))))
        (local.set $a2 (v128.load32_splat (i32.add (local.get $pa) (local.get $ai2))))
        (local.set $a3 (v128.load32_splat (i32.add (local.get $pa) (local.get $ai3))))
        (local.set $c00 (f32x4.add (local.get $c00) (f32x4.mul (local.get $a0) (local.get $b0))))
        (local.set $c10 (f32x4.add (local.get $c10) (f32x4.mul (local.get $a1) (local.get $b0))))
        (local.set $c20 (f32x4.add (local.get $c20) (f32x4.mul (local.get $a2) (local.get $b0))))
        (local.set $c30 (f32x4.add (local.get $c30) (f32x4.mul (local.get $a3) (local.get $b0))))
        (local.set $pa (i32.add (local.get $pa) (local.get $aq)))
        (local.set $pb (i32.add (local.get $pb) (local.get $ldb)))
        (local.set $q (i32.add (local.get $q) (i32.const 1)))
        (br $l)))
    (call $storeN (local.get $pc) (local.get $c00) (local.get $acc) (local.get $nl))
    (call $storeN (i32.add (local.get $pc) (i32.mul (local.get $ldc) (i32.const 1))) (local.get $c10) (local.get $acc) (local.get $nl))
    (call $storeN (i32.add (local.get $pc) (i32.mul (local.get $ldc) (i32.const 2))) (local.get $c20) (local.get $acc) (local.get $nl))
    (call $storeN (i32.add (local.get $pc) (i32.mul (local.get $ldc) (i32.const 3))) (local.get $c30) (local.get $acc) (local.get $nl)))

  ;; The same tile for the last n % 4 columns: reads B's row q past its end (slack), stores nl lanes.
  (func $t1x4p (param $pa i32) (param $pb i32) (param $pc i32) (param $k i32) (param $ai i32)
    (param $aq i32) (param $ldb i32) (param $ldc i32) (param $acc i32) (param $nl i32)
    (local $q i32) 
    (local $a0 v128) (local $b0 v128)
    (local $c00 v128)
    (block $done
      (loop $l
        (br_if $done (i32.ge_s (local.get $q) (local.get $k)))
        (local.set $b0 (v128.load (local.get $pb)))
        (local.set $a0 (v128.load32_splat (local.get $pa)))
        (local.set $c00 (f32x4.add (local.get $c00) (f32x4.mul (local.get $a0) (local.get $b0))))
        (local.set $pa (i32.add (local.get $pa) (local.get $aq)))
        (local.set $pb (i32.add (local.get $pb) (local.get $ldb)))
        (local.set $q (i32.add (local.get $q) (i32.const 1)))
        (br $l)))
    (call $storeN (local.get $pc) (local.get $c00) (local.get $acc) (local.get $nl)))

  ;; mm: C (+)= A · B (see the header): four rows of C at a time, eight then four columns, then the rest.
  (func (export "mm") (param $a i32) (param $b i32) (param $c i32) (param $m i32) (param $k i32)
    (param $n i32) (param $ai i32) (param $aq i32) (param $ldb i32) (param $ldc i32) (param $acc i32)
    (local $r i32) (local $j i32) (local $pa i32) (local $pc i32)
    (local.set $ai (i32.shl (local.get $ai) (i32.const 2)))
    (local.set $aq (i32.shl (local.get $aq) (i32.const 2)))
    (local.set $ldb (i32.shl (local.get $ldb) (i32.const 2)))
    (local.set $ldc (i32.shl (local.get $ldc) (i32.const 2)))
    (block $rows4done
      (loop $rows4
        (br_if $rows4done (i32.gt_s (i32.add (local.get $r) (i32.const 4)) (local.get $m)))
        (local.set $pa (i32.add (local.get $a) (i32.mul (local.get $r) (local.get $ai))))
        (local.set $pc (i32.add (local.get $c) (i32.mul (local.get $r) (local.get $ldc))))
        (local.set $j (i32.const 0))
        (block $c8done
          (loop $c8
            (br_if $c8done (i32.gt_s (i32.add (local.get $j) (i32.const 8)) (local.get $n)))
            (call $t4x8 (local.get $pa) (i32.add (local.get $b) (i32.shl (local.get $j) (i32.const 2))) (i32.add (local.get $pc) (i32.shl (local.get $j) (i32.const 2))) (local.get $k) (local.get $ai) (local.get $aq) (local.get $ldb) (local.get $ldc) (local.get $acc))
            (local.set $j (i32.add (local.get $j) (i32.const 8)))
            (br $c8)))
        (if (i32.le_s (i32.add (local.get $j) (i32.const 4)) (local.get $n))
          (then
            (call $t4x4 (local.get $pa) (i32.add (local.get $b) (i32.shl (local.get $j) (i32.const 2))) (i32.add (local.get $pc) (i32.shl (local.get $j) (i32.const 2))) (local.get $k) (local.get $ai) (local.get $aq) (local.get $ldb) (local.get $ldc) (local.get $acc))
            (local.set $j (i32.add (local.get $j) (i32.const 4)))))
        (if (i32.lt_s (local.get $j) (local.get $n))
          (then
            (call $t4x4p (local.get $pa) (i32.add (local.get $b) (i32.shl (local.get $j) (i32.const 2))) (i32.add (local.get $pc) (i32.shl (local.get $j) (i32.const 2))) (local.get $k) (local.get $ai) (local.get $aq) (local.get $ldb) (local.get $ldc) (local.get $acc)
              (i32.sub (local.get $n) (local.get $j)))))
        (local.set $r (i32.add (local.get $r) (i32.const 4)))
        (br $rows4)))
    (block $rows1done
      (loop $rows1
        (br_if $rows1done (i32.gt_s (i32.add (local.get $r) (i32.const 1)) (local.get $m)))
        (local.set $pa (i32.add (local.get $a) (i32.mul (local.get $r) (local.get $ai))))
        (local.set $pc (i32.add (local.get $c) (i32.mul (local.get $r) (local.get $ldc))))
        (local.set $j (i32.const 0))
        (block $c8done
          (loop $c8
            (br_if $c8done (i32.gt_s (i32.add (local.get $j) (i32.const 8)) (local.get $n)))
            (call $t1x8 (local.get $pa) (i32.add (local.get $b) (i32.shl (local.get $j) (i32.const 2))) (i32.add (local.get $pc) (i32.shl (local.get $j) (i32.const 2))) (local.get $k) (local.get $ai) (local.get $aq) (local.get $ldb) (local.get $ldc) (local.get $acc))
            (local.set $j (i32.add (local.get $j) (i32.const 8)))
            (br $c8)))
        (if (i32.le_s (i32.add (local.get $j) (i32.const 4)) (local.get $n))
          (then
            (call $t1x4 (local.get $pa) (i32.add (local.get $b) (i32.shl (local.get $j) (i32.const 2))) (i32.add (local.get $pc) (i32.shl (local.get $j) (i32.const 2))) (local.get $k) (local.get $ai) (local.get $aq) (local.get $ldb) (local.get $ldc) (local.get $acc))
            (local.set $j (i32.add (local.get $j) (i32.const 4)))))
        (if (i32.lt_s (local.get $j) (local.get $n))
          (then
            (call $t1x4p (local.get $pa) (i32.add (local.get $b) (i32.shl (local.get $j) (i32.const 2))) (i32.add (local.get $pc) (i32.shl (local.get $j) (i32.const 2))) (local.get $k) (local.get $ai) (local.get $aq) (local.get $ldb) (local.get $ldc) (local.get $acc)
              (i32.sub (local.get $n) (local.get $j)))))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $rows1)))
)

  ;; tanh of four floats (see the header).
  (func $tanh4 (param $x v128) (result v128)
    (local $x2 v128) (local $p v128) (local $q v128) (local $y v128)
    (local.set $y (local.get $x))
    (local.set $x
      (f32x4.min (f32x4.max (local.get $x) (v128.const f32x4 -7.90531110763549805 -7.90531110763549805 -7.90531110763549805 -7.90531110763549805))
        (v128.const f32x4 7.90531110763549805 7.90531110763549805 7.90531110763549805 7.90531110763549805)))
    (local.set $x2 (f32x4.mul (local.get $x) (local.get $x)))
    (local.set $p (f32x4.add (f32x4.mul (local.get $x2) (f32x4.splat (f32.const -2.76076847742355e-16)))
      (f32x4.splat (f32.const 2.00018790482477e-13))))
    (local.set $p (f32x4.add (f32x4.mul (local.get $p) (local.get $x2)) (f32x4.splat (f32.const -8.60467152213735e-11))))
    (local.set $p (f32x4.add (f32x4.mul (local.get $p) (local.get $x2)) (f32x4.splat (f32.const 5.12229709037114e-08))))
    (local.set $p (f32x4.add (f32x4.mul (local.get $p) (local.get $x2)) (f32x4.splat (f32.const 1.48572235717979e-05))))
    (local.set $p (f32x4.add (f32x4.mul (local.get $p) (local.get $x2)) (f32x4.splat (f32.const 6.37261928875436e-04))))
    (local.set $p (f32x4.add (f32x4.mul (local.get $p) (local.get $x2)) (f32x4.splat (f32.const 4.89352455891786e-03))))
    (local.set $p (f32x4.mul (local.get $p) (local.get $x)))
    (local.set $q (f32x4.add (f32x4.mul (local.get $x2) (f32x4.splat (f32.const 1.19825839466702e-06)))
      (f32x4.splat (f32.const 1.18534705686654e-04))))
    (local.set $q (f32x4.add (f32x4.mul (local.get $q) (local.get $x2)) (f32x4.splat (f32.const 2.26843463243900e-03))))
    (local.set $q (f32x4.add (f32x4.mul (local.get $q) (local.get $x2)) (f32x4.splat (f32.const 4.89352518554385e-03))))
    ;; |x| < 0.0004: tanh(x) = x in float32.
    (v128.bitselect (local.get $y) (f32x4.div (local.get $p) (local.get $q))
      (f32x4.lt (f32x4.abs (local.get $y)) (f32x4.splat (f32.const 0.0004)))))

  ;; x ← add + mul · tanh(pre · x) for n floats at p (any alignment): tanh is (1, 1, 0), σ is
  ;; (½, ½, ½). The vector loop repeats $tanh4's body (V8 does not inline wasm calls: a call per four
  ;; floats cost more than the arithmetic).
  (func $tanhAffine (param $p i32) (param $n i32) (param $pre f32) (param $mul f32) (param $add f32)
    (local $end i32) (local $vend i32) (local $x v128) (local $x2 v128) (local $pv v128)
    (local $qv v128) (local $y v128) (local $vpre v128) (local $vmul v128) (local $vadd v128)
    (local.set $vpre (f32x4.splat (local.get $pre)))
    (local.set $vmul (f32x4.splat (local.get $mul)))
    (local.set $vadd (f32x4.splat (local.get $add)))
    (local.set $end (i32.add (local.get $p) (i32.shl (local.get $n) (i32.const 2))))
    (local.set $vend (i32.add (local.get $p) (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 2))))
    (block $done
      (loop $v
        (br_if $done (i32.ge_u (local.get $p) (local.get $vend)))
        (local.set $y (f32x4.mul (v128.load (local.get $p)) (local.get $vpre)))
        (local.set $x
          (f32x4.min (f32x4.max (local.get $y) (v128.const f32x4 -7.90531110763549805 -7.90531110763549805 -7.90531110763549805 -7.90531110763549805))
            (v128.const f32x4 7.90531110763549805 7.90531110763549805 7.90531110763549805 7.90531110763549805)))
        (local.set $x2 (f32x4.mul (local.get $x) (local.get $x)))
        (local.set $pv (f32x4.add (f32x4.mul (local.get $x2) (f32x4.splat (f32.const -2.76076847742355e-16)))
          (f32x4.splat (f32.const 2.00018790482477e-13))))
        (local.set $pv (f32x4.add (f32x4.mul (local.get $pv) (local.get $x2)) (f32x4.splat (f32.const -8.60467152213735e-11))))
        (local.set $pv (f32x4.add (f32x4.mul (local.get $pv) (local.get $x2)) (f32x4.splat (f32.const 5.12229709037114e-08))))
        (local.set $pv (f32x4.add (f32x4.mul (local.get $pv) (local.get $x2)) (f32x4.splat (f32.const 1.48572235717979e-05))))
        (local.set $pv (f32x4.add (f32x4.mul (local.get $pv) (local.get $x2)) (f32x4.splat (f32.const 6.37261928875436e-04))))
        (local.set $pv (f32x4.add (f32x4.mul (local.get $pv) (local.get $x2)) (f32x4.splat (f32.const 4.89352455891786e-03))))
        (local.set $pv (f32x4.mul (local.get $pv) (local.get $x)))
        (local.set $qv (f32x4.add (f32x4.mul (local.get $x2) (f32x4.splat (f32.const 1.19825839466702e-06)))
          (f32x4.splat (f32.const 1.18534705686654e-04))))
        (local.set $qv (f32x4.add (f32x4.mul (local.get $qv) (local.get $x2)) (f32x4.splat (f32.const 2.26843463243900e-03))))
        (local.set $qv (f32x4.add (f32x4.mul (local.get $qv) (local.get $x2)) (f32x4.splat (f32.const 4.89352518554385e-03))))
        (v128.store (local.get $p)
          (f32x4.add (local.get $vadd)
            (f32x4.mul (local.get $vmul)
              (v128.bitselect (local.get $y) (f32x4.div (local.get $pv) (local.get $qv))
                (f32x4.lt (f32x4.abs (local.get $y)) (f32x4.splat (f32.const 0.0004)))))))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (br $v)))
    (block $tdone
      (loop $t
        (br_if $tdone (i32.ge_u (local.get $p) (local.get $end)))
        (f32.store (local.get $p)
          (f32.add (local.get $add)
            (f32.mul (local.get $mul)
              (f32x4.extract_lane 0
                (call $tanh4 (f32x4.splat (f32.mul (f32.load (local.get $p)) (local.get $pre))))))))
        (local.set $p (i32.add (local.get $p) (i32.const 4)))
        (br $t))))

  ;; x ← tanh(x) for n floats at p.
  (func (export "tanh") (param $p i32) (param $n i32)
    (call $tanhAffine (local.get $p) (local.get $n) (f32.const 1) (f32.const 1) (f32.const 0)))

  ;; x ← σ(x) for n floats at p.
  (func (export "sigmoid") (param $p i32) (param $n i32)
    (call $tanhAffine (local.get $p) (local.get $n) (f32.const 0.5) (f32.const 0.5) (f32.const 0.5)))

  ;; a ← a ⊙ b for n floats (dropout masks on a layer's output).
  (func (export "mul") (param $a i32) (param $b i32) (param $n i32)
    (local $end i32) (local $vend i32)
    (local.set $end (i32.add (local.get $a) (i32.shl (local.get $n) (i32.const 2))))
    (local.set $vend (i32.add (local.get $a) (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 2))))
    (block $done
      (loop $v
        (br_if $done (i32.ge_u (local.get $a) (local.get $vend)))
        (v128.store (local.get $a) (f32x4.mul (v128.load (local.get $a)) (v128.load (local.get $b))))
        (local.set $a (i32.add (local.get $a) (i32.const 16)))
        (local.set $b (i32.add (local.get $b) (i32.const 16)))
        (br $v)))
    (block $tdone
      (loop $t
        (br_if $tdone (i32.ge_u (local.get $a) (local.get $end)))
        (f32.store (local.get $a) (f32.mul (f32.load (local.get $a)) (f32.load (local.get $b))))
        (local.set $a (i32.add (local.get $a) (i32.const 4)))
        (local.set $b (i32.add (local.get $b) (i32.const 4)))
        (br $t))))

  ;; x's first n lanes at p (n ≥ 4: all four in one store).
  (func $storeV (param $p i32) (param $v v128) (param $n i32)
    (if (i32.ge_s (local.get $n) (i32.const 4))
      (then (v128.store (local.get $p) (local.get $v)) (return)))
    (f32.store (local.get $p) (f32x4.extract_lane 0 (local.get $v)))
    (if (i32.gt_s (local.get $n) (i32.const 1))
      (then (f32.store offset=4 (local.get $p) (f32x4.extract_lane 1 (local.get $v)))))
    (if (i32.gt_s (local.get $n) (i32.const 2))
      (then (f32.store offset=8 (local.get $p) (f32x4.extract_lane 2 (local.get $v))))))

  ;; lstmFwd: one LSTM step over `rows` rows with tanh as the activation (see the header).
  (func (export "lstmFwd") (param $z i32) (param $cp i32) (param $c i32) (param $a i32) (param $h i32)
    (param $rows i32) (param $u i32) (param $first i32)
    (local $r i32) (local $j i32) (local $ub i32) (local $left i32) (local $zr i32) (local $o i32)
    (local $vi v128) (local $vf v128) (local $vg v128) (local $vo v128) (local $vc v128) (local $va v128)
    (local $ty v128) (local $tx v128) (local $tx2 v128) (local $tp v128) (local $tq v128)
    (local.set $ub (i32.shl (local.get $u) (i32.const 2)))
    (block $rdone
      (loop $rl
        (br_if $rdone (i32.ge_s (local.get $r) (local.get $rows)))
        (local.set $zr (i32.add (local.get $z) (i32.mul (local.get $r) (i32.shl (local.get $ub) (i32.const 2)))))
        (local.set $j (i32.const 0))
        (block $jdone
          (loop $jl
            (br_if $jdone (i32.ge_s (local.get $j) (local.get $ub)))
            (local.set $left (i32.shr_s (i32.sub (local.get $ub) (local.get $j)) (i32.const 2)))
            (local.set $o (i32.add (i32.mul (local.get $r) (local.get $ub)) (local.get $j)))
          (local.set $ty (f32x4.mul (v128.load (i32.add (local.get $zr) (local.get $j))) (f32x4.splat (f32.const 0.5))))
          (local.set $tx (f32x4.min (f32x4.max (local.get $ty) (v128.const f32x4 -7.90531110763549805 -7.90531110763549805 -7.90531110763549805 -7.90531110763549805)) (v128.const f32x4 7.90531110763549805 7.90531110763549805 7.90531110763549805 7.90531110763549805)))
          (local.set $tx2 (f32x4.mul (local.get $tx) (local.get $tx)))
          (local.set $tp (f32x4.add (f32x4.mul (local.get $tx2) (f32x4.splat (f32.const -2.76076847742355e-16))) (f32x4.splat (f32.const 2.00018790482477e-13))))
          (local.set $tp (f32x4.add (f32x4.mul (local.get $tp) (local.get $tx2)) (f32x4.splat (f32.const -8.60467152213735e-11))))
          (local.set $tp (f32x4.add (f32x4.mul (local.get $tp) (local.get $tx2)) (f32x4.splat (f32.const 5.12229709037114e-08))))
          (local.set $tp (f32x4.add (f32x4.mul (local.get $tp) (local.get $tx2)) (f32x4.splat (f32.const 1.48572235717979e-05))))
          (local.set $tp (f32x4.add (f32x4.mul (local.get $tp) (local.get $tx2)) (f32x4.splat (f32.const 6.37261928875436e-04))))
          (local.set $tp (f32x4.add (f32x4.mul (local.get $tp) (local.get $tx2)) (f32x4.splat (f32.const 4.89352455891786e-03))))
          (local.set $tp (f32x4.mul (local.get $tp) (local.get $tx)))
          (local.set $tq (f32x4.add (f32x4.mul (local.get $tx2) (f32x4.splat (f32.const 1.19825839466702e-06))) (f32x4.splat (f32.const 1.18534705686654e-04))))
          (local.set $tq (f32x4.add (f32x4.mul (local.get $tq) (local.get $tx2)) (f32x4.splat (f32.const 2.26843463243900e-03))))
          (local.set $tq (f32x4.add (f32x4.mul (local.get $tq) (local.get $tx2)) (f32x4.splat (f32.const 4.89352518554385e-03))))
          (local.set $vi (v128.bitselect (local.get $ty) (f32x4.div (local.get $tp) (local.get $tq)) (f32x4.lt (f32x4.abs (local.get $ty)) (f32x4.splat (f32.const 0.0004)))))
          (local.set $vi (f32x4.add (f32x4.splat (f32.const 0.5)) (f32x4.mul (f32x4.splat (f32.const 0.5)) (local.get $vi))))
          (local.set $ty (f32x4.mul (v128.load (i32.add (i32.add (local.get $zr) (local.get $ub)) (local.get $j))) (f32x4.splat (f32.const 0.5))))
          (local.set $tx (f32x4.min (f32x4.max (local.get $ty) (v128.const f32x4 -7.90531110763549805 -7.90531110763549805 -7.90531110763549805 -7.90531110763549805)) (v128.const f32x4 7.90531110763549805 7.90531110763549805 7.90531110763549805 7.90531110763549805)))
          (local.set $tx2 (f32x4.mul (local.get $tx) (local.get $tx)))
          (local.set $tp (f32x4.add (f32x4.mul (local.get $tx2) (f32x4.splat (f32.const -2.76076847742355e-16))) (f32x4.splat (f32.const 2.00018790482477e-13))))
          (local.set $tp (f32x4.add (f32x4.mul (local.get $tp) (local.get $tx2)) (f32x4.splat (f32.const -8.60467152213735e-11))))
          (local.set $tp (f32x4.add (f32x4.mul (local.get $tp) (local.get $tx2)) (f32x4.splat (f32.const 5.12229709037114e-08))))
          (local.set $tp (f32x4.add (f32x4.mul (local.get $tp) (local.get $tx2)) (f32x4.splat (f32.const 1.48572235717979e-05))))
          (local.set $tp (f32x4.add (f32x4.mul (local.get $tp) (local.get $tx2)) (f32x4.splat (f32.const 6.37261928875436e-04))))
          (local.set $tp (f32x4.add (f32x4.mul (local.get $tp) (local.get $tx2)) (f32x4.splat (f32.const 4.89352455891786e-03))))
          (local.set $tp (f32x4.mul (local.get $tp) (local.get $tx)))
          (local.set $tq (f32x4.add (f32x4.mul (local.get $tx2) (f32x4.splat (f32.const 1.19825839466702e-06))) (f32x4.splat (f32.const 1.18534705686654e-04))))
          (local.set $tq (f32x4.add (f32x4.mul (local.get $tq) (local.get $tx2)) (f32x4.splat (f32.const 2.26843463243900e-03))))
          (local.set $tq (f32x4.add (f32x4.mul (local.get $tq) (local.get $tx2)) (f32x4.splat (f32.const 4.89352518554385e-03))))
          (local.set $vf (v128.bitselect (local.get $ty) (f32x4.div (local.get $tp) (local.get $tq)) (f32x4.lt (f32x4.abs (local.get $ty)) (f32x4.splat (f32.const 0.0004)))))
          (local.set $vf (f32x4.add (f32x4.splat (f32.const 0.5)) (f32x4.mul (f32x4.splat (f32.const 0.5)) (local.get $vf))))
          (local.set $ty (v128.load (i32.add (i32.add (local.get $zr) (i32.shl (local.get $ub) (i32.const 1))) (local.get $j))))
          (local.set $tx (f32x4.min (f32x4.max (local.get $ty) (v128.const f32x4 -7.90531110763549805 -7.90531110763549805 -7.90531110763549805 -7.90531110763549805)) (v128.const f32x4 7.90531110763549805 7.90531110763549805 7.90531110763549805 7.90531110763549805)))
          (local.set $tx2 (f32x4.mul (local.get $tx) (local.get $tx)))
          (local.set $tp (f32x4.add (f32x4.mul (local.get $tx2) (f32x4.splat (f32.const -2.76076847742355e-16))) (f32x4.splat (f32.const 2.00018790482477e-13))))
          (local.set $tp (f32x4.add (f32x4.mul (local.get $tp) (local.get $tx2)) (f32x4.splat (f32.const -8.60467152213735e-11))))
          (local.set $tp (f32x4.add (f32x4.mul (local.get $tp) (local.get $tx2)) (f32x4.splat (f32.const 5.12229709037114e-08))))
          (local.set $tp (f32x4.add (f32x4.mul (local.get $tp) (local.get $tx2)) (f32x4.splat (f32.const 1.48572235717979e-05))))
          (local.set $tp (f32x4.add (f32x4.mul (local.get $tp) (local.get $tx2)) (f32x4.splat (f32.const 6.37261928875436e-04))))
          (local.set $tp (f32x4.add (f32x4.mul (local.get $tp) (local.get $tx2)) (f32x4.splat (f32.const 4.89352455891786e-03))))
          (local.set $tp (f32x4.mul (local.get $tp) (local.get $tx)))
          (local.set $tq (f32x4.add (f32x4.mul (local.get $tx2) (f32x4.splat (f32.const 1.19825839466702e-06))) (f32x4.splat (f32.const 1.18534705686654e-04))))
          (local.set $tq (f32x4.add (f32x4.mul (local.get $tq) (local.get $tx2)) (f32x4.splat (f32.const 2.26843463243900e-03))))
          (local.set $tq (f32x4.add (f32x4.mul (local.get $tq) (local.get $tx2)) (f32x4.splat (f32.const 4.89352518554385e-03))))
          (local.set $vg (v128.bitselect (local.get $ty) (f32x4.div (local.get $tp) (local.get $tq)) (f32x4.lt (f32x4.abs (local.get $ty)) (f32x4.splat (f32.const 0.0004)))))
          (local.set $ty (f32x4.mul (v128.load (i32.add (i32.add (local.get $zr) (i32.mul (local.get $ub) (i32.const 3))) (local.get $j))) (f32x4.splat (f32.const 0.5))))
          (local.set $tx (f32x4.min (f32x4.max (local.get $ty) (v128.const f32x4 -7.90531110763549805 -7.90531110763549805 -7.90531110763549805 -7.90531110763549805)) (v128.const f32x4 7.90531110763549805 7.90531110763549805 7.90531110763549805 7.90531110763549805)))
          (local.set $tx2 (f32x4.mul (local.get $tx) (local.get $tx)))
          (local.set $tp (f32x4.add (f32x4.mul (local.get $tx2) (f32x4.splat (f32.const -2.76076847742355e-16))) (f32x4.splat (f32.const 2.00018790482477e-13))))
          (local.set $tp (f32x4.add (f32x4.mul (local.get $tp) (local.get $tx2)) (f32x4.splat (f32.const -8.60467152213735e-11))))
          (local.set $tp (f32x4.add (f32x4.mul (local.get $tp) (local.get $tx2)) (f32x4.splat (f32.const 5.12229709037114e-08))))
          (local.set $tp (f32x4.add (f32x4.mul (local.get $tp) (local.get $tx2)) (f32x4.splat (f32.const 1.48572235717979e-05))))
          (local.set $tp (f32x4.add (f32x4.mul (local.get $tp) (local.get $tx2)) (f32x4.splat (f32.const 6.37261928875436e-04))))
          (local.set $tp (f32x4.add (f32x4.mul (local.get $tp) (local.get $tx2)) (f32x4.splat (f32.const 4.89352455891786e-03))))
          (local.set $tp (f32x4.mul (local.get $tp) (local.get $tx)))
          (local.set $tq (f32x4.add (f32x4.mul (local.get $tx2) (f32x4.splat (f32.const 1.19825839466702e-06))) (f32x4.splat (f32.const 1.18534705686654e-04))))
          (local.set $tq (f32x4.add (f32x4.mul (local.get $tq) (local.get $tx2)) (f32x4.splat (f32.const 2.26843463243900e-03))))
          (local.set $tq (f32x4.add (f32x4.mul (local.get $tq) (local.get $tx2)) (f32x4.splat (f32.const 4.89352518554385e-03))))
          (local.set $vo (v128.bitselect (local.get $ty) (f32x4.div (local.get $tp) (local.get $tq)) (f32x4.lt (f32x4.abs (local.get $ty)) (f32x4.splat (f32.const 0.0004)))))
          (local.set $vo (f32x4.add (f32x4.splat (f32.const 0.5)) (f32x4.mul (f32x4.splat (f32.const 0.5)) (local.get $vo))))
          (local.set $vc (f32x4.mul (local.get $vi) (local.get $vg)))
          (if (i32.eqz (local.get $first))
            (then (local.set $vc (f32x4.add (f32x4.mul (local.get $vf) (v128.load (i32.add (local.get $cp) (local.get $o)))) (local.get $vc)))))
          (local.set $ty (local.get $vc))
          (local.set $tx (f32x4.min (f32x4.max (local.get $ty) (v128.const f32x4 -7.90531110763549805 -7.90531110763549805 -7.90531110763549805 -7.90531110763549805)) (v128.const f32x4 7.90531110763549805 7.90531110763549805 7.90531110763549805 7.90531110763549805)))
          (local.set $tx2 (f32x4.mul (local.get $tx) (local.get $tx)))
          (local.set $tp (f32x4.add (f32x4.mul (local.get $tx2) (f32x4.splat (f32.const -2.76076847742355e-16))) (f32x4.splat (f32.const 2.00018790482477e-13))))
          (local.set $tp (f32x4.add (f32x4.mul (local.get $tp) (local.get $tx2)) (f32x4.splat (f32.const -8.60467152213735e-11))))
          (local.set $tp (f32x4.add (f32x4.mul (local.get $tp) (local.get $tx2)) (f32x4.splat (f32.const 5.12229709037114e-08))))
          (local.set $tp (f32x4.add (f32x4.mul (local.get $tp) (local.get $tx2)) (f32x4.splat (f32.const 1.48572235717979e-05))))
          (local.set $tp (f32x4.add (f32x4.mul (local.get $tp) (local.get $tx2)) (f32x4.splat (f32.const 6.37261928875436e-04))))
          (local.set $tp (f32x4.add (f32x4.mul (local.get $tp) (local.get $tx2)) (f32x4.splat (f32.const 4.89352455891786e-03))))
          (local.set $tp (f32x4.mul (local.get $tp) (local.get $tx)))
          (local.set $tq (f32x4.add (f32x4.mul (local.get $tx2) (f32x4.splat (f32.const 1.19825839466702e-06))) (f32x4.splat (f32.const 1.18534705686654e-04))))
          (local.set $tq (f32x4.add (f32x4.mul (local.get $tq) (local.get $tx2)) (f32x4.splat (f32.const 2.26843463243900e-03))))
          (local.set $tq (f32x4.add (f32x4.mul (local.get $tq) (local.get $tx2)) (f32x4.splat (f32.const 4.89352518554385e-03))))
          (local.set $va (v128.bitselect (local.get $ty) (f32x4.div (local.get $tp) (local.get $tq)) (f32x4.lt (f32x4.abs (local.get $ty)) (f32x4.splat (f32.const 0.0004)))))
          (call $storeV (i32.add (local.get $zr) (local.get $j)) (local.get $vi) (local.get $left))
          (call $storeV (i32.add (i32.add (local.get $zr) (local.get $ub)) (local.get $j)) (local.get $vf) (local.get $left))
          (call $storeV (i32.add (i32.add (local.get $zr) (i32.shl (local.get $ub) (i32.const 1))) (local.get $j)) (local.get $vg) (local.get $left))
          (call $storeV (i32.add (i32.add (local.get $zr) (i32.mul (local.get $ub) (i32.const 3))) (local.get $j)) (local.get $vo) (local.get $left))
          (call $storeV (i32.add (local.get $c) (local.get $o)) (local.get $vc) (local.get $left))
          (call $storeV (i32.add (local.get $a) (local.get $o)) (local.get $va) (local.get $left))
          (call $storeV (i32.add (local.get $h) (local.get $o)) (f32x4.mul (local.get $vo) (local.get $va)) (local.get $left))
            (local.set $j (i32.add (local.get $j) (i32.const 16)))
            (br $jl)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $rl))))

  ;; lstmBwd: one LSTM step's gate derivatives over `rows` rows, tanh activation (see the header).
  (func (export "lstmBwd") (param $dz i32) (param $dh i32) (param $gates i32) (param $cp i32) (param $ac i32)
    (param $dcn i32) (param $rows i32) (param $u i32) (param $first i32)
    (local $r i32) (local $j i32) (local $ub i32) (local $left i32) (local $gr i32) (local $dr i32) (local $o i32)
    (local $vdh v128) (local $vi v128) (local $vf v128) (local $vg v128) (local $vo v128) (local $va v128)
    (local $vdc v128) (local $vcp v128)
    (local.set $ub (i32.shl (local.get $u) (i32.const 2)))
    (block $rdone
      (loop $rl
        (br_if $rdone (i32.ge_s (local.get $r) (local.get $rows)))
        (local.set $gr (i32.add (local.get $gates) (i32.mul (local.get $r) (i32.shl (local.get $ub) (i32.const 2)))))
        (local.set $dr (i32.add (local.get $dz) (i32.mul (local.get $r) (i32.shl (local.get $ub) (i32.const 2)))))
        (local.set $j (i32.const 0))
        (block $jdone
          (loop $jl
            (br_if $jdone (i32.ge_s (local.get $j) (local.get $ub)))
            (local.set $left (i32.shr_s (i32.sub (local.get $ub) (local.get $j)) (i32.const 2)))
            (local.set $o (i32.add (i32.mul (local.get $r) (local.get $ub)) (local.get $j)))
            (local.set $vdh (v128.load (i32.add (local.get $dh) (local.get $o))))
            (local.set $vi (v128.load (i32.add (i32.add (local.get $gr) (i32.const 0)) (local.get $j))))
            (local.set $vf (v128.load (i32.add (i32.add (local.get $gr) (local.get $ub)) (local.get $j))))
            (local.set $vg (v128.load (i32.add (i32.add (local.get $gr) (i32.shl (local.get $ub) (i32.const 1))) (local.get $j))))
            (local.set $vo (v128.load (i32.add (i32.add (local.get $gr) (i32.mul (local.get $ub) (i32.const 3))) (local.get $j))))
            (local.set $va (v128.load (i32.add (local.get $ac) (local.get $o))))
            ;; dc = dh · o · (1 − act(c)²) + dc_next
            (local.set $vdc (f32x4.add
              (f32x4.mul (f32x4.mul (local.get $vdh) (local.get $vo))
                (f32x4.sub (f32x4.splat (f32.const 1)) (f32x4.mul (local.get $va) (local.get $va))))
              (v128.load (i32.add (local.get $dcn) (local.get $o)))))
            (local.set $vcp (if (result v128) (local.get $first)
              (then (v128.const i32x4 0 0 0 0))
              (else (v128.load (i32.add (local.get $cp) (local.get $o))))))
            (call $storeV (i32.add (local.get $dr) (local.get $j))
              (f32x4.mul (f32x4.mul (local.get $vdc) (local.get $vg))
                (f32x4.mul (local.get $vi) (f32x4.sub (f32x4.splat (f32.const 1)) (local.get $vi)))) (local.get $left))
            (call $storeV (i32.add (i32.add (local.get $dr) (local.get $ub)) (local.get $j))
              (f32x4.mul (f32x4.mul (local.get $vdc) (local.get $vcp))
                (f32x4.mul (local.get $vf) (f32x4.sub (f32x4.splat (f32.const 1)) (local.get $vf)))) (local.get $left))
            (call $storeV (i32.add (i32.add (local.get $dr) (i32.shl (local.get $ub) (i32.const 1))) (local.get $j))
              (f32x4.mul (f32x4.mul (local.get $vdc) (local.get $vi))
                (f32x4.sub (f32x4.splat (f32.const 1)) (f32x4.mul (local.get $vg) (local.get $vg)))) (local.get $left))
            (call $storeV (i32.add (i32.add (local.get $dr) (i32.mul (local.get $ub) (i32.const 3))) (local.get $j))
              (f32x4.mul (f32x4.mul (local.get $vdh) (local.get $va))
                (f32x4.mul (local.get $vo) (f32x4.sub (f32x4.splat (f32.const 1)) (local.get $vo)))) (local.get $left))
            (call $storeV (i32.add (local.get $dcn) (local.get $o))
              (f32x4.mul (local.get $vdc) (local.get $vf)) (local.get $left))
            (local.set $j (i32.add (local.get $j) (i32.const 16)))
            (br $jl)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $rl))))

  ;; gruGates: a GRU step's z and r for `rows` rows (ZR [rows, 2u] in place), and r ⊙ h_{t−1} unless first.
  (func (export "gruGates") (param $zr i32) (param $hp i32) (param $rh i32) (param $rows i32) (param $u i32) (param $first i32)
    (local $r i32) (local $j i32) (local $ub i32) (local $left i32) (local $o i32) (local $zrr i32) (local $vz v128) (local $vr v128) (local $ty v128) (local $tx v128) (local $tx2 v128) (local $tp v128) (local $tq v128)
    (local.set $ub (i32.shl (local.get $u) (i32.const 2)))
    (block $rdone
      (loop $rl
        (br_if $rdone (i32.ge_s (local.get $r) (local.get $rows)))
        (local.set $zrr (i32.add (local.get $zr) (i32.mul (local.get $r) (i32.mul (local.get $ub) (i32.const 2)))))
        (local.set $j (i32.const 0))
        (block $jdone
          (loop $jl
            (br_if $jdone (i32.ge_s (local.get $j) (local.get $ub)))
            (local.set $left (i32.shr_s (i32.sub (local.get $ub) (local.get $j)) (i32.const 2)))
            (local.set $o (i32.add (i32.mul (local.get $r) (local.get $ub)) (local.get $j)))
            (local.set $ty (f32x4.mul (v128.load (i32.add (local.get $zrr) (local.get $j))) (f32x4.splat (f32.const 0.5))))
            (local.set $tx (f32x4.min (f32x4.max (local.get $ty) (v128.const f32x4 -7.90531110763549805 -7.90531110763549805 -7.90531110763549805 -7.90531110763549805)) (v128.const f32x4 7.90531110763549805 7.90531110763549805 7.90531110763549805 7.90531110763549805)))
            (local.set $tx2 (f32x4.mul (local.get $tx) (local.get $tx)))
            (local.set $tp (f32x4.add (f32x4.mul (local.get $tx2) (f32x4.splat (f32.const -2.76076847742355e-16))) (f32x4.splat (f32.const 2.00018790482477e-13))))
            (local.set $tp (f32x4.add (f32x4.mul (local.get $tp) (local.get $tx2)) (f32x4.splat (f32.const -8.60467152213735e-11))))
            (local.set $tp (f32x4.add (f32x4.mul (local.get $tp) (local.get $tx2)) (f32x4.splat (f32.const 5.12229709037114e-08))))
            (local.set $tp (f32x4.add (f32x4.mul (local.get $tp) (local.get $tx2)) (f32x4.splat (f32.const 1.48572235717979e-05))))
            (local.set $tp (f32x4.add (f32x4.mul (local.get $tp) (local.get $tx2)) (f32x4.splat (f32.const 6.37261928875436e-04))))
            (local.set $tp (f32x4.add (f32x4.mul (local.get $tp) (local.get $tx2)) (f32x4.splat (f32.const 4.89352455891786e-03))))
            (local.set $tp (f32x4.mul (local.get $tp) (local.get $tx)))
            (local.set $tq (f32x4.add (f32x4.mul (local.get $tx2) (f32x4.splat (f32.const 1.19825839466702e-06))) (f32x4.splat (f32.const 1.18534705686654e-04))))
            (local.set $tq (f32x4.add (f32x4.mul (local.get $tq) (local.get $tx2)) (f32x4.splat (f32.const 2.26843463243900e-03))))
            (local.set $tq (f32x4.add (f32x4.mul (local.get $tq) (local.get $tx2)) (f32x4.splat (f32.const 4.89352518554385e-03))))
            (local.set $vz (v128.bitselect (local.get $ty) (f32x4.div (local.get $tp) (local.get $tq)) (f32x4.lt (f32x4.abs (local.get $ty)) (f32x4.splat (f32.const 0.0004)))))
            (local.set $vz (f32x4.add (f32x4.splat (f32.const 0.5)) (f32x4.mul (f32x4.splat (f32.const 0.5)) (local.get $vz))))
            (local.set $ty (f32x4.mul (v128.load (i32.add (i32.add (local.get $zrr) (local.get $ub)) (local.get $j))) (f32x4.splat (f32.const 0.5))))
            (local.set $tx (f32x4.min (f32x4.max (local.get $ty) (v128.const f32x4 -7.90531110763549805 -7.90531110763549805 -7.90531110763549805 -7.90531110763549805)) (v128.const f32x4 7.90531110763549805 7.90531110763549805 7.90531110763549805 7.90531110763549805)))
            (local.set $tx2 (f32x4.mul (local.get $tx) (local.get $tx)))
            (local.set $tp (f32x4.add (f32x4.mul (local.get $tx2) (f32x4.splat (f32.const -2.76076847742355e-16))) (f32x4.splat (f32.const 2.00018790482477e-13))))
            (local.set $tp (f32x4.add (f32x4.mul (local.get $tp) (local.get $tx2)) (f32x4.splat (f32.const -8.60467152213735e-11))))
            (local.set $tp (f32x4.add (f32x4.mul (local.get $tp) (local.get $tx2)) (f32x4.splat (f32.const 5.12229709037114e-08))))
            (local.set $tp (f32x4.add (f32x4.mul (local.get $tp) (local.get $tx2)) (f32x4.splat (f32.const 1.48572235717979e-05))))
            (local.set $tp (f32x4.add (f32x4.mul (local.get $tp) (local.get $tx2)) (f32x4.splat (f32.const 6.37261928875436e-04))))
            (local.set $tp (f32x4.add (f32x4.mul (local.get $tp) (local.get $tx2)) (f32x4.splat (f32.const 4.89352455891786e-03))))
            (local.set $tp (f32x4.mul (local.get $tp) (local.get $tx)))
            (local.set $tq (f32x4.add (f32x4.mul (local.get $tx2) (f32x4.splat (f32.const 1.19825839466702e-06))) (f32x4.splat (f32.const 1.18534705686654e-04))))
            (local.set $tq (f32x4.add (f32x4.mul (local.get $tq) (local.get $tx2)) (f32x4.splat (f32.const 2.26843463243900e-03))))
            (local.set $tq (f32x4.add (f32x4.mul (local.get $tq) (local.get $tx2)) (f32x4.splat (f32.const 4.89352518554385e-03))))
            (local.set $vr (v128.bitselect (local.get $ty) (f32x4.div (local.get $tp) (local.get $tq)) (f32x4.lt (f32x4.abs (local.get $ty)) (f32x4.splat (f32.const 0.0004)))))
            (local.set $vr (f32x4.add (f32x4.splat (f32.const 0.5)) (f32x4.mul (f32x4.splat (f32.const 0.5)) (local.get $vr))))
            (call $storeV (i32.add (local.get $zrr) (local.get $j)) (local.get $vz) (local.get $left))
            (call $storeV (i32.add (i32.add (local.get $zrr) (local.get $ub)) (local.get $j)) (local.get $vr) (local.get $left))
            (if (i32.eqz (local.get $first)) (then
              (call $storeV (i32.add (local.get $rh) (local.get $o)) (f32x4.mul (local.get $vr) (v128.load (i32.add (local.get $hp) (local.get $o)))) (local.get $left))))
            (local.set $j (i32.add (local.get $j) (i32.const 16)))
            (br $jl)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $rl))))

  ;; gruState: the candidate tanh(HH) in place and h = z ⊙ h_{t−1} + (1 − z) ⊙ candidate.
  (func (export "gruState") (param $zr i32) (param $hh i32) (param $hp i32) (param $h i32) (param $rows i32) (param $u i32) (param $first i32)
    (local $r i32) (local $j i32) (local $ub i32) (local $left i32) (local $o i32) (local $zrr i32) (local $va v128) (local $vz v128) (local $vc v128) (local $ty v128) (local $tx v128) (local $tx2 v128) (local $tp v128) (local $tq v128)
    (local.set $ub (i32.shl (local.get $u) (i32.const 2)))
    (block $rdone
      (loop $rl
        (br_if $rdone (i32.ge_s (local.get $r) (local.get $rows)))
        (local.set $zrr (i32.add (local.get $zr) (i32.mul (local.get $r) (i32.mul (local.get $ub) (i32.const 2)))))
        (local.set $j (i32.const 0))
        (block $jdone
          (loop $jl
            (br_if $jdone (i32.ge_s (local.get $j) (local.get $ub)))
            (local.set $left (i32.shr_s (i32.sub (local.get $ub) (local.get $j)) (i32.const 2)))
            (local.set $o (i32.add (i32.mul (local.get $r) (local.get $ub)) (local.get $j)))
            (local.set $ty (v128.load (i32.add (local.get $hh) (local.get $o))))
            (local.set $tx (f32x4.min (f32x4.max (local.get $ty) (v128.const f32x4 -7.90531110763549805 -7.90531110763549805 -7.90531110763549805 -7.90531110763549805)) (v128.const f32x4 7.90531110763549805 7.90531110763549805 7.90531110763549805 7.90531110763549805)))
            (local.set $tx2 (f32x4.mul (local.get $tx) (local.get $tx)))
            (local.set $tp (f32x4.add (f32x4.mul (local.get $tx2) (f32x4.splat (f32.const -2.76076847742355e-16))) (f32x4.splat (f32.const 2.00018790482477e-13))))
            (local.set $tp (f32x4.add (f32x4.mul (local.get $tp) (local.get $tx2)) (f32x4.splat (f32.const -8.60467152213735e-11))))
            (local.set $tp (f32x4.add (f32x4.mul (local.get $tp) (local.get $tx2)) (f32x4.splat (f32.const 5.12229709037114e-08))))
            (local.set $tp (f32x4.add (f32x4.mul (local.get $tp) (local.get $tx2)) (f32x4.splat (f32.const 1.48572235717979e-05))))
            (local.set $tp (f32x4.add (f32x4.mul (local.get $tp) (local.get $tx2)) (f32x4.splat (f32.const 6.37261928875436e-04))))
            (local.set $tp (f32x4.add (f32x4.mul (local.get $tp) (local.get $tx2)) (f32x4.splat (f32.const 4.89352455891786e-03))))
            (local.set $tp (f32x4.mul (local.get $tp) (local.get $tx)))
            (local.set $tq (f32x4.add (f32x4.mul (local.get $tx2) (f32x4.splat (f32.const 1.19825839466702e-06))) (f32x4.splat (f32.const 1.18534705686654e-04))))
            (local.set $tq (f32x4.add (f32x4.mul (local.get $tq) (local.get $tx2)) (f32x4.splat (f32.const 2.26843463243900e-03))))
            (local.set $tq (f32x4.add (f32x4.mul (local.get $tq) (local.get $tx2)) (f32x4.splat (f32.const 4.89352518554385e-03))))
            (local.set $va (v128.bitselect (local.get $ty) (f32x4.div (local.get $tp) (local.get $tq)) (f32x4.lt (f32x4.abs (local.get $ty)) (f32x4.splat (f32.const 0.0004)))))
            (call $storeV (i32.add (local.get $hh) (local.get $o)) (local.get $va) (local.get $left))
            (local.set $vz (v128.load (i32.add (local.get $zrr) (local.get $j))))
            (local.set $vc (f32x4.mul (f32x4.sub (f32x4.splat (f32.const 1)) (local.get $vz)) (local.get $va)))
            (if (i32.eqz (local.get $first)) (then
              (local.set $vc (f32x4.add (f32x4.mul (local.get $vz) (v128.load (i32.add (local.get $hp) (local.get $o)))) (local.get $vc)))))
            (call $storeV (i32.add (local.get $h) (local.get $o)) (local.get $vc) (local.get $left))
            (local.set $j (i32.add (local.get $j) (i32.const 16)))
            (br $jl)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $rl))))

  ;; gruBack1: from dLoss/dh_t, the candidate's dA and dZ_z (dZ_r zero until gruBack2), tanh activation.
  (func (export "gruBack1") (param $dh i32) (param $gates i32) (param $hp i32) (param $dah i32) (param $dzr i32) (param $rows i32) (param $u i32) (param $first i32)
    (local $r i32) (local $j i32) (local $ub i32) (local $left i32) (local $o i32) (local $gr i32) (local $dr i32) (local $vdh v128) (local $vz v128) (local $vc v128) (local $vhp v128)
    (local.set $ub (i32.shl (local.get $u) (i32.const 2)))
    (block $rdone
      (loop $rl
        (br_if $rdone (i32.ge_s (local.get $r) (local.get $rows)))
        (local.set $gr (i32.add (local.get $gates) (i32.mul (local.get $r) (i32.mul (local.get $ub) (i32.const 3)))))
        (local.set $dr (i32.add (local.get $dzr) (i32.mul (local.get $r) (i32.mul (local.get $ub) (i32.const 2)))))
        (local.set $j (i32.const 0))
        (block $jdone
          (loop $jl
            (br_if $jdone (i32.ge_s (local.get $j) (local.get $ub)))
            (local.set $left (i32.shr_s (i32.sub (local.get $ub) (local.get $j)) (i32.const 2)))
            (local.set $o (i32.add (i32.mul (local.get $r) (local.get $ub)) (local.get $j)))
            (local.set $vdh (v128.load (i32.add (local.get $dh) (local.get $o))))
            (local.set $vz (v128.load (i32.add (local.get $gr) (local.get $j))))
            (local.set $vc (v128.load (i32.add (i32.add (local.get $gr) (i32.mul (local.get $ub) (i32.const 2))) (local.get $j))))
            (local.set $vhp (if (result v128) (local.get $first) (then (v128.const i32x4 0 0 0 0)) (else (v128.load (i32.add (local.get $hp) (local.get $o))))))
            (call $storeV (i32.add (local.get $dah) (local.get $o)) (f32x4.mul (f32x4.mul (local.get $vdh) (f32x4.sub (f32x4.splat (f32.const 1)) (local.get $vz))) (f32x4.sub (f32x4.splat (f32.const 1)) (f32x4.mul (local.get $vc) (local.get $vc)))) (local.get $left))
            (call $storeV (i32.add (local.get $dr) (local.get $j)) (f32x4.mul (f32x4.mul (local.get $vdh) (f32x4.sub (local.get $vhp) (local.get $vc))) (f32x4.mul (local.get $vz) (f32x4.sub (f32x4.splat (f32.const 1)) (local.get $vz)))) (local.get $left))
            (call $storeV (i32.add (i32.add (local.get $dr) (local.get $ub)) (local.get $j)) (v128.const i32x4 0 0 0 0) (local.get $left))
            (local.set $j (i32.add (local.get $j) (i32.const 16)))
            (br $jl)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $rl))))

  ;; gruBack2: from dRH = dA_h · U_hᵀ, dZ_r, and dLoss/dh_{t−1} += dh_t ⊙ z + dRH ⊙ r.
  (func (export "gruBack2") (param $drh i32) (param $gates i32) (param $hp i32) (param $dh i32) (param $dhp i32) (param $dzr i32) (param $rows i32) (param $u i32)
    (local $r i32) (local $j i32) (local $ub i32) (local $left i32) (local $o i32) (local $gr i32) (local $dr i32) (local $vd v128) (local $vr v128)
    (local.set $ub (i32.shl (local.get $u) (i32.const 2)))
    (block $rdone
      (loop $rl
        (br_if $rdone (i32.ge_s (local.get $r) (local.get $rows)))
        (local.set $gr (i32.add (local.get $gates) (i32.mul (local.get $r) (i32.mul (local.get $ub) (i32.const 3)))))
        (local.set $dr (i32.add (local.get $dzr) (i32.mul (local.get $r) (i32.mul (local.get $ub) (i32.const 2)))))
        (local.set $j (i32.const 0))
        (block $jdone
          (loop $jl
            (br_if $jdone (i32.ge_s (local.get $j) (local.get $ub)))
            (local.set $left (i32.shr_s (i32.sub (local.get $ub) (local.get $j)) (i32.const 2)))
            (local.set $o (i32.add (i32.mul (local.get $r) (local.get $ub)) (local.get $j)))
            (local.set $vd (v128.load (i32.add (local.get $drh) (local.get $o))))
            (local.set $vr (v128.load (i32.add (i32.add (local.get $gr) (local.get $ub)) (local.get $j))))
            (call $storeV (i32.add (i32.add (local.get $dr) (local.get $ub)) (local.get $j)) (f32x4.mul (f32x4.mul (local.get $vd) (v128.load (i32.add (local.get $hp) (local.get $o)))) (f32x4.mul (local.get $vr) (f32x4.sub (f32x4.splat (f32.const 1)) (local.get $vr)))) (local.get $left))
            (call $storeV (i32.add (local.get $dhp) (local.get $o)) (f32x4.add (v128.load (i32.add (local.get $dhp) (local.get $o))) (f32x4.add (f32x4.mul (v128.load (i32.add (local.get $dh) (local.get $o))) (v128.load (i32.add (local.get $gr) (local.get $j)))) (f32x4.mul (local.get $vd) (local.get $vr)))) (local.get $left))
            (local.set $j (i32.add (local.get $j) (i32.const 16)))
            (br $jl)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $rl))))

  ;; mulberry32's output for counter values s (four lanes).
  (func $hash4 (param $s v128) (result v128)
    (local $t v128)
    (local.set $t (i32x4.mul (v128.xor (local.get $s) (i32x4.shr_u (local.get $s) (i32.const 15)))
      (v128.or (local.get $s) (i32x4.splat (i32.const 1)))))
    (local.set $t (v128.xor (local.get $t)
      (i32x4.add (local.get $t)
        (i32x4.mul (v128.xor (local.get $t) (i32x4.shr_u (local.get $t) (i32.const 7)))
          (v128.or (local.get $t) (i32x4.splat (i32.const 61)))))))
    (v128.xor (local.get $t) (i32x4.shr_u (local.get $t) (i32.const 14))))

  ;; n multipliers at p for the draws after counter `state` (see the header).
  (func (export "mask") (param $p i32) (param $n i32) (param $state i32) (param $threshold i32)
    (param $keep f32)
    (local $s v128) (local $th v128) (local $k v128) (local $end i32) (local $vend i32)
    ;; Lanes j = 0…3 start at state + (j + 1)·C and step by 4·C (wrapping, as the generator).
    (local.set $s (i32x4.add (i32x4.splat (local.get $state))
      (v128.const i32x4 1831565813 -631835670 1199730143 -1263671340)))
    (local.set $th (i32x4.splat (local.get $threshold)))
    (local.set $k (f32x4.splat (local.get $keep)))
    (local.set $end (i32.add (local.get $p) (i32.shl (local.get $n) (i32.const 2))))
    (local.set $vend (i32.add (local.get $p) (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 2))))
    (block $done
      (loop $v
        (br_if $done (i32.ge_u (local.get $p) (local.get $vend)))
        (v128.store (local.get $p)
          (v128.and (i32x4.ge_u (call $hash4 (local.get $s)) (local.get $th)) (local.get $k)))
        (local.set $s (i32x4.add (local.get $s) (i32x4.splat (i32.const -1263671340))))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (br $v)))
    ;; The last n % 4: lane 0 of the same computation, one counter at a time.
    (block $tdone
      (loop $t
        (br_if $tdone (i32.ge_u (local.get $p) (local.get $end)))
        (f32.store (local.get $p)
          (f32x4.extract_lane 0
            (v128.and (i32x4.ge_u (call $hash4 (local.get $s)) (local.get $th)) (local.get $k))))
        (local.set $s (i32x4.add (local.get $s) (i32x4.splat (i32.const 1831565813))))
        (local.set $p (i32.add (local.get $p) (i32.const 4)))
        (br $t)))))
