/**
 * The GRU's steps in WGSL for gatedShader.ts, as ../fast/cells/gru.ts (tfjs-layers, reset_after =
 * false; Keras gate order z, r, h; the bias on the input side):
 *   z = σ(x_z + h_{t−1}·U_z);  r = σ(x_r + h_{t−1}·U_r);  ĥ = act(x_h + (r ⊙ h_{t−1})·U_h);
 *   h_t = z ⊙ h_{t−1} + (1 − z) ⊙ ĥ.
 * Two barriers a step each way: r ⊙ h_{t−1} of every unit (in `cs`) before the candidate's product,
 * and dA_h of every unit before the reset gate's gradient. The recurrent kernel [U, 3U] is read from
 * storage. The extra plane keeps r_t ⊙ h_{t−1}, the input of U_h's gradient.
 */
import { outerGrad, storeH, type CellWgsl } from './common';

export const GRU_WGSL: CellWgsl = {
  forward: (s, src, drop) => `      for (var j = lid; j < U; j += WG) {
        let bb = bOff(l) + j;
        var az = W[bb]; var ar = W[bb + U]; var ah = W[bb + 2u * U];
        let kb = kOff(l) + j;
        for (var k = 0u; k < n; k++) {
          let x = layerIn(l, t, i, k, b, ${src});
          let w0 = kb + k * GU;
          az += x * W[w0]; ar += x * W[w0 + U]; ah += x * W[w0 + 2u * U];
        }
        var hp = 0.0;
        if (t > 0u) {
          let rb = rOff(l) + j;
          for (var m = 0u; m < U; m++) {
            let h = hs[prev + m];
            let w0 = rb + m * GU;
            az += h * W[w0]; ar += h * W[w0 + U];
          }
          hp = hs[prev + j];
        }
        let z = sig(az); let r = sig(ar);
        let g0 = gvAt(l, t, i, j, b);
        // The candidate's input side waits in its gate slot until every r ⊙ h_{t−1} is in.
        act[g0] = z; act[g0 + U] = r; act[g0 + 2u * U] = ah;
        cs[j] = r * hp;
        act[EX + at(l, t, i, j, b)] = r * hp;
      }
      workgroupBarrier();
      for (var j = lid; j < U; j += WG) {
        let g0 = gvAt(l, t, i, j, b);
        var ah = act[g0 + 2u * U];
        var hp = 0.0;
        if (t > 0u) {
          let rb = rOff(l) + 2u * U + j;
          for (var m = 0u; m < U; m++) { ah += cs[m] * W[rb + m * GU]; }
          hp = hs[prev + j];
        }
        let hh = actF(ah);
        act[g0 + 2u * U] = hh;
        let z = act[g0];
        let h = z * hp + (1.0 - z) * hh;
${storeH(s, drop)}      }
      workgroupBarrier();
`,
  // cs[j] carries dh_t ⊙ z_t + r_t ⊙ (dA_h·U_hᵀ)_j to step t − 1; dZ_{t+1}'s z and r columns reach h_t
  // through U_zr.
  backward: (s) => `      for (var j = lid; j < U; j += WG) {
${outerGrad(s)}        if (s > 0u) {
          var r = 0.0;
          let rb = rOff(l) + j * GU;
          for (var m = 0u; m < 2u * U; m++) { r += dzs[prev + m] * W[rb + m]; }
          dh += r + cs[j];
        }
        let g0 = gvAt(l, t, i, j, b);
        let z = act[g0]; let hh = act[g0 + 2u * U];
        var hp = 0.0;
        if (t > 0u) { hp = act[at(l, t - 1u, i, j, b)]; }
        let daH = actGrad(dh * (1.0 - z), hh);
        let daZ = dh * (hp - hh) * (z * (1.0 - z));
        let d0 = dzAt(l, t, i, j, b);
        act[d0] = daZ; act[d0 + 2u * U] = daH;
        dzs[cur + j] = daZ; dzs[cur + 2u * U + j] = daH;
        cs[j] = dh * z;
      }
      workgroupBarrier();
      for (var j = lid; j < U; j += WG) {
        var daR = 0.0;
        if (t > 0u) {
          var dRh = 0.0;
          let rb = rOff(l) + j * GU + 2u * U;
          for (var m = 0u; m < U; m++) { dRh += dzs[cur + 2u * U + m] * W[rb + m]; }
          let r = act[gvAt(l, t, i, j, b) + U];
          daR = dRh * act[at(l, t - 1u, i, j, b)] * (r * (1.0 - r));
          cs[j] += r * dRh;
        }
        act[dzAt(l, t, i, j, b) + U] = daR;
        dzs[cur + U + j] = daR;
      }
      workgroupBarrier();
`,
  // U_z, U_r: Σ h_{t−1}[m] · dZ_t[c]; U_h: Σ (r_t ⊙ h_{t−1})[m] · dA_h,t[c] (the extra plane, row q).
  recurrentGrad: `        if (c < 2u * U) {
          let h0 = at(l, 0u, 0u, m, b);
          for (var q = b; q < rowsN; q++) { g += act[h0 + (q - b) * U] * act[d0 + q * GU]; }
        } else {
          let h0 = EX + at(l, 0u, 0u, m, b);
          for (var q = b; q < rowsN; q++) { g += act[h0 + q * U] * act[d0 + q * GU]; }
        }
`,
};
