"""Reference values for AgreementStatisticsTests (Bland-Altman and ICC(A,1)).

Run: python3 docs/evaluation_agreement_reference.py
(Kept in docs/ because a .py file inside a SwiftPM test target is an unhandled-file warning.)
Independent of the Swift code: the ICC comes from the two-way ANOVA mean squares of
McGraw & Wong (1996), case 2A / Shrout & Fleiss ICC(2,1), computed with numpy matrix operations.
"""
import numpy as np

CASES = {
    "five nights": ([10, 20, 30, 40, 50], [12, 18, 33, 41, 55]),
    "constant offset": ([5, 15, 25, 35], [8, 18, 28, 38]),
    "three nights": ([3.5, 27.25, 61.0], [2.0, 30.5, 58.75]),
}

for name, (ref, det) in CASES.items():
    y = np.column_stack([ref, det]).astype(float)  # n subjects x k raters
    n, k = y.shape
    d = y[:, 1] - y[:, 0]
    bias = d.mean()
    sd = d.std(ddof=1)
    grand = y.mean()
    msr = k * ((y.mean(axis=1) - grand) ** 2).sum() / (n - 1)
    msc = n * ((y.mean(axis=0) - grand) ** 2).sum() / (k - 1)
    resid = y - y.mean(axis=1, keepdims=True) - y.mean(axis=0, keepdims=True) + grand
    mse = (resid ** 2).sum() / ((n - 1) * (k - 1))
    icc = (msr - mse) / (msr + (k - 1) * mse + k * (msc - mse) / n)
    print(f"{name}: bias={bias!r} sd={sd!r} loa=({bias - 1.96 * sd!r}, {bias + 1.96 * sd!r}) icc_a1={icc!r}")
