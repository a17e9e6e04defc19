// Hand-written C reference of the per-earthquake conditional-probability arithmetic of
// GroningenHRA (GMM V7 at NS_B -> V7 site amplification -> ln AvgSa -> three collapse-state
// probabilities), used only by the benchmark harness (`hra-bench`, kernel.c-reference) to
// measure how close the Swift engine gets to plain C on identical inputs.
//
// Same formulas and the same libm functions (log, exp, tanh, pow, erfc, sqrt) as
// Sources/HRA/GroundMotion/{GMMV7,SurfaceMotion}.swift, Sources/HRA/Site/SiteAmplificationV7.swift
// and Sources/HRA/Fragility/FragilityConsequence.swift, so the two agree to ~1e-15; per-pair
// invariants are hoisted, per-period constants precomputed. No -ffast-math, no polynomial
// approximations (see Benchmarks/README.md).
#ifndef HRA_REFERENCE_KERNEL_H
#define HRA_REFERENCE_KERNEL_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define HRA_REF_MAX_PERIODS 16
#define HRA_REF_GMM_STRIDE 21 /* m0 m1 m2 m3 m4, r0[a b c d] .. r3[a b c d] */
#define HRA_REF_AF_STRIDE 19  /* a0 a1 b0 b1 a2 b2 a3 Ma Mb Mref2 lnRref f2 f3 s1 s2 lnXl lnXh lnAFmin lnAFmax */

/// The model of one GMM branch and one fragility branch, flattened. All arrays are owned by the caller.
typedef struct {
  int32_t periods;          /* n (10) */
  const double *gmm;        /* [k * HRA_REF_GMM_STRIDE + i], the median branch in use */
  const double *tanhAllowed;/* [k * 4 + j]: 1 if slope j may use the tanh form at period k */
  double mm, mr;            /* source hinge and path hinge magnitudes */
  double rh[4];             /* path hinge distances [km] */
  double c2cMmin, c2cMmax;
  double c2c01[3], c2c085[3];
  const double *c2cFraction;/* [k]: log(clip(T)/Tmin)/log(Tmax/Tmin) */
  const double *tauPhi2;    /* [k]: tau^2 + phi_ss^2 of the branch */
  const double *chol;       /* [k * n + j]: lower Cholesky factor of the period correlation */
  const double *af;         /* [(zone * n + k) * HRA_REF_AF_STRIDE + i] */
  const double *wierde;     /* [k]: wierde increment of ln AF */
  double lnAfScale;         /* ln(cm/s^2 per g) */
  double lnSpan;            /* ln(af_mref1_distance_span / 3) */
  double s2sEpsilon;
  const double *lnMedianCS; /* [3 * t + k] */
  const double *beta;       /* [t] */
} hra_ref_model;

/// Evaluates `count` earthquake-site pairs. Inputs per pair: magnitude, rupture distance [km],
/// zone index, wierde flag, typology and `periods` standard normals (z[i * periods + k]).
/// Writes out[5 * i + 0..4] = ln AvgSa, ln PGA, P(>=CS1), P(>=CS2), P(>=CS3) and returns the
/// sum of the probabilities (a checksum).
double hra_ref_evaluate(const hra_ref_model *model, int64_t count, const double *magnitude, const double *rrup,
                        const int32_t *zone, const uint8_t *wierde, const int32_t *typology, const double *z,
                        double *out);

/// Valgrind/callgrind client requests around a measured region (no-ops without valgrind or
/// when its headers were absent at build time). Returns 1 if running under valgrind.
int hra_ref_running_on_valgrind(void);
void hra_ref_callgrind_start(void);
void hra_ref_callgrind_stop(void);

#ifdef __cplusplus
}
#endif
#endif
