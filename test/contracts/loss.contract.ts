import { describe, expect, it } from "vitest";
import { createMetric, type Loss } from "../../src/gbdt/index.js";

/**
 * What every `Loss` must do, run once per implementation: consistent dimension and default metric,
 * finite start values, gradients that point downhill on the loss's metric, non-negative hessians,
 * zero-weight rows contributing nothing.
 *
 * @param makeLoss builds the loss under test
 * @param label labels valid for it (a handful of rows)
 */
export function lossSuite(name: string, makeLoss: () => Loss, label: Float64Array): void {
  describe(`Loss contract: ${name}`, () => {
    const loss = makeLoss();
    const n = label.length;
    const D = loss.dimension;
    const approx = Float64Array.from({ length: n * D }, (_, i) => Math.sin(i + 1) * 0.7);

    it("accepts its labels and names a metric that exists", () => {
      expect(() => loss.validateLabels(label)).not.toThrow();
      expect(D).toBeGreaterThanOrEqual(1);
      expect(createMetric(loss.defaultMetric).name).toBe(loss.defaultMetric);
    });

    it("initialApprox(label, weight) has one finite value per dimension", () => {
      const init = loss.initialApprox(label, null);
      expect(init).toHaveLength(D);
      expect(init.every(Number.isFinite)).toBe(true);
    });

    it("gradients(...) point downhill on the metric; hessians are >= 0", () => {
      const g = new Float64Array(n * D);
      const h = new Float64Array(n * D);
      loss.gradients(n, approx, label, null, g, h);
      expect(g.every(Number.isFinite) && h.every((v) => v >= 0)).toBe(true);
      const metric = createMetric(loss.defaultMetric);
      const before = metric.evaluate(n, approx, label, null);
      const step = Float64Array.from(approx, (a, i) => a - (0.01 * g[i]) / (h[i] + 1));
      expect(metric.evaluate(n, step, label, null)).toBeLessThan(before);
    });

    it("rows of weight 0 get zero gradient and hessian", () => {
      const w = Float64Array.from({ length: n }, (_, i) => (i % 2 === 0 ? 0 : 2));
      const g = new Float64Array(n * D);
      const h = new Float64Array(n * D);
      loss.gradients(n, approx, label, w, g, h);
      for (let k = 0; k < D; k++)
        for (let i = 0; i < n; i += 2) {
          expect(Math.abs(g[k * n + i])).toBe(0);
          expect(Math.abs(h[k * n + i])).toBe(0);
        }
    });
  });
}
