#include "hra_reference_kernel.h"

#include <math.h>

#if defined(__has_include)
#if __has_include(<valgrind/callgrind.h>)
#include <valgrind/callgrind.h>
#define HRA_HAVE_CALLGRIND 1
#endif
#endif

static inline double clip(double v, double lo, double hi) { return v < lo ? lo : (v > hi ? hi : v); }
static inline double dmin(double a, double b) { return a < b ? a : b; }
static inline double dmax(double a, double b) { return a > b ? a : b; }

double hra_ref_evaluate(const hra_ref_model *M, int64_t count, const double *magnitude, const double *rrup,
                        const int32_t *zone, const uint8_t *wierde, const int32_t *typology, const double *z,
                        double *out) {
  const int n = M->periods;
  const double invN = 1.0 / (double)n;
  const double ln3 = log(3.0);
  double checksum = 0.0;
  double mu[HRA_REF_MAX_PERIODS], sg[HRA_REF_MAX_PERIODS];
  for (int64_t i = 0; i < count; i++) {
    const double m = magnitude[i], r = rrup[i];
    /* GMM V7 median at NS_B (eq. 9.1-9.7). */
    const double dm = m - M->mm, dr = m - M->mr;
    const double l0 = log(dmin(dmax(r / M->rh[0], 1.0), M->rh[1] / M->rh[0]));
    const double l1 = log(dmin(dmax(r / M->rh[1], 1.0), M->rh[2] / M->rh[1]));
    const double l2 = log(dmin(dmax(r / M->rh[2], 1.0), M->rh[3] / M->rh[2]));
    const double l3 = log(dmax(r / M->rh[3], 1.0));
    const int above = m > M->mr, low = m < M->mm;
    for (int k = 0; k < n; k++) {
      const double *x = M->gmm + k * HRA_REF_GMM_STRIDE;
      const double gs = low ? x[0] + x[1] * dm + x[2] * dm * dm : x[0] + x[3] * dm + x[4] * dm * dm;
      const double *q = x + 5;
      const double *ta = M->tanhAllowed + 4 * k;
      double s0 = (ta[0] != 0 && above) ? q[0] + q[2] * tanh(q[3] * dr) : q[0] + q[1] * dr;
      double s1 = (ta[1] != 0 && above) ? q[4] + q[6] * tanh(q[7] * dr) : q[4] + q[5] * dr;
      double s2 = (ta[2] != 0 && above) ? q[8] + q[10] * tanh(q[11] * dr) : q[8] + q[9] * dr;
      double s3 = (ta[3] != 0 && above) ? q[12] + q[14] * tanh(q[15] * dr) : q[12] + q[13] * dr;
      mu[k] = gs + (s0 * l0 + s1 * l1 + s2 * l2 + s3 * l3);
    }
    /* sigma of the arbitrary component (eq. 9.10-9.11). */
    const double mc = clip(m, M->c2cMmin, M->c2cMmax);
    const double v01 = M->c2c01[0] + M->c2c01[1] * (M->c2cMmax - mc) * pow(r, M->c2c01[2]);
    const double v085 = M->c2c085[0] + M->c2c085[1] * (M->c2cMmax - mc) * pow(r, M->c2c085[2]);
    for (int k = 0; k < n; k++) sg[k] = sqrt(M->tauPhi2[k] + (v01 + (v085 - v01) * M->c2cFraction[k]));
    /* Site amplification and surface ln AvgSa / ln PGA (SurfaceMotion.sample). */
    const double lnR = log(r);
    const double *zi = z + i * n;
    const double *afz = M->af + (int64_t)zone[i] * n * HRA_REF_AF_STRIDE;
    const int w = wierde[i] != 0;
    double y = 0.0, p = 0.0;
    for (int k = 0; k < n; k++) {
      double e = 0.0;
      const double *L = M->chol + k * n;
      for (int j = 0; j <= k; j++) e += L[j] * zi[j];
      const double x = mu[k] + sg[k] * e;
      const double *c = afz + k * HRA_REF_AF_STRIDE;
      const double a0 = c[0], a1 = c[1], b0 = c[2], b1 = c[3], a2 = c[4], b2 = c[5], a3 = c[6], ma = c[7], mb = c[8];
      const double mref2 = c[9], lnRref = c[10], f2 = c[11], f3 = c[12];
      const double lo = dmin(ma, mb), hi = dmax(ma, mb);
      const double mref1 = dmin(dmax(ma + (mb - ma) * (lnR - ln3) / M->lnSpan, lo), hi);
      const double mlo = dmin(m, mref1);
      const double d = lnR - lnRref, ee = mlo - mref2;
      const double lin = a0 + a1 * lnR + (b0 + b1 * lnR) * (mlo - mref1) + a2 * d * d + b2 * ee * ee + a3 * (dmax(m, mref1) - mref1);
      const double lnG = x - M->lnAfScale;
      const double s = exp(lnG);
      double v = clip(lin + f2 * log((s + f3) / f3), c[17], c[18]);
      if (M->s2sEpsilon != 0) {
        const double s1 = c[13], s2 = c[14], lnXl = c[15], lnXh = c[16];
        const double ph = s1 + (s2 - s1) * (lnG - lnXl) / (lnXh - lnXl);
        v += M->s2sEpsilon * dmin(dmax(ph, dmin(s1, s2)), dmax(s1, s2));
      }
      if (w) v += M->wierde[k];
      const double sk = x + v - M->lnAfScale;
      y += sk;
      if (k == 0) p = sk;
    }
    y *= invN;
    /* Fragility: P(>=CSk) = Phi((y - ln theta_k)/beta). */
    const int t = typology[i];
    const double b = M->beta[t];
    const double *lm = M->lnMedianCS + 3 * t;
    const double p1 = 0.5 * erfc(-((y - lm[0]) / b) * 0.7071067811865475244);
    const double p2 = 0.5 * erfc(-((y - lm[1]) / b) * 0.7071067811865475244);
    const double p3 = 0.5 * erfc(-((y - lm[2]) / b) * 0.7071067811865475244);
    double *o = out + 5 * i;
    o[0] = y; o[1] = p; o[2] = p1; o[3] = p2; o[4] = p3;
    checksum += p1 + p2 + p3;
  }
  return checksum;
}

int hra_ref_running_on_valgrind(void) {
#ifdef HRA_HAVE_CALLGRIND
  return RUNNING_ON_VALGRIND ? 1 : 0;
#else
  return 0;
#endif
}

void hra_ref_callgrind_start(void) {
#ifdef HRA_HAVE_CALLGRIND
  CALLGRIND_ZERO_STATS;
  CALLGRIND_START_INSTRUMENTATION;
#endif
}

void hra_ref_callgrind_stop(void) {
#ifdef HRA_HAVE_CALLGRIND
  CALLGRIND_STOP_INSTRUMENTATION;
#endif
}
