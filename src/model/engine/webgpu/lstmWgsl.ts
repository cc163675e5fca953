/**
 * The LSTM's steps in WGSL for gatedShader.ts, as ../fast/cells/lstm.ts (tfjs-layers, Keras gate
 * order i, f, c, o; sigmoid gates, the layer's activation on the candidate and the cell):
 *   c_t = σ(z_f) ⊙ c_{t−1} + σ(z_i) ⊙ act(z_c);  h_t = σ(z_o) ⊙ act(c_t),  z = x_t·W + h_{t−1}·U + b.
 * Thread j owns unit j (and j + WG, …) in all four gates, so c_t and the backward carry dc ⊙ f stay
 * in its slot of `cs`; the recurrent kernel [U, 4U] is read from storage.
 */
import { outerGrad, storeH, type CellWgsl } from './common';

export const LSTM_WGSL: CellWgsl = {
  forward: (s, src, drop) => `      for (var j = lid; j < U; j += WG) {
        let bb = bOff(l) + j;
        var zi = W[bb]; var zf = W[bb + U]; var zg = W[bb + 2u * U]; var zo = W[bb + 3u * U];
        let kb = kOff(l) + j;
        for (var k = 0u; k < n; k++) {
          let x = layerIn(l, t, i, k, b, ${src});
          let w0 = kb + k * GU;
          zi += x * W[w0]; zf += x * W[w0 + U]; zg += x * W[w0 + 2u * U]; zo += x * W[w0 + 3u * U];
        }
        if (t > 0u) {
          let rb = rOff(l) + j;
          for (var m = 0u; m < U; m++) {
            let hp = hs[prev + m];
            let w0 = rb + m * GU;
            zi += hp * W[w0]; zf += hp * W[w0 + U]; zg += hp * W[w0 + 2u * U]; zo += hp * W[w0 + 3u * U];
          }
        }
        let gi = sig(zi); let gf = sig(zf); let gg = actF(zg); let go = sig(zo);
        var c = gi * gg;
        if (t > 0u) { c = gf * cs[j] + c; }
        cs[j] = c;
        let h = go * actF(c);
        let g0 = gvAt(l, t, i, j, b);
        act[g0] = gi; act[g0 + U] = gf; act[g0 + 2u * U] = gg; act[g0 + 3u * U] = go;
        act[EX + at(l, t, i, j, b)] = c;
${storeH(s, drop)}      }
      workgroupBarrier();
`,
  // dc_t = dh_t ⊙ o ⊙ act′ + dc_{t+1} ⊙ f_{t+1}; dh_t gets dZ_{t+1}·Uᵀ over all four gates.
  backward: (s) => `      for (var j = lid; j < U; j += WG) {
${outerGrad(s)}        var dcn = 0.0;
        if (s > 0u) {
          var r = 0.0;
          let rb = rOff(l) + j * GU;
          for (var m = 0u; m < GU; m++) { r += dzs[prev + m] * W[rb + m]; }
          dh += r;
          dcn = cs[j];
        }
        let g0 = gvAt(l, t, i, j, b);
        let gi = act[g0]; let gf = act[g0 + U]; let gg = act[g0 + 2u * U]; let go = act[g0 + 3u * U];
        let ac = actF(act[EX + at(l, t, i, j, b)]);
        let dc = actGrad(dh * go, ac) + dcn;
        var cp = 0.0;
        if (t > 0u) { cp = act[EX + at(l, t - 1u, i, j, b)]; }
        let dzi = dc * gg * (gi * (1.0 - gi));
        let dzf = dc * cp * (gf * (1.0 - gf));
        let dzg = actGrad(dc * gi, gg);
        let dzo = dh * ac * (go * (1.0 - go));
        cs[j] = dc * gf;
        let d0 = dzAt(l, t, i, j, b);
        act[d0] = dzi; act[d0 + U] = dzf; act[d0 + 2u * U] = dzg; act[d0 + 3u * U] = dzo;
        dzs[cur + j] = dzi; dzs[cur + U + j] = dzf; dzs[cur + 2u * U + j] = dzg; dzs[cur + 3u * U + j] = dzo;
      }
      workgroupBarrier();
`,
  // Σ over steps t ≥ 1 and rows of h_{t−1}[m] · dZ_t[c]: row q's h_{t−1} is q − b.
  recurrentGrad: `        let h0 = at(l, 0u, 0u, m, b);
        for (var q = b; q < rowsN; q++) { g += act[h0 + (q - b) * U] * act[d0 + q * GU]; }
`,
};
