import { describe, expect, it } from "vitest";
import { kFold, stratifiedKFold, trainTestSplit } from "../../../src/data/index.js";
import { fixtures } from "../sklearn-fixtures.js";

describe(`splitters reproduce scikit-learn ${fixtures.versions.sklearn} folds for the same seed`, () => {
  for (const s of fixtures.splits) {
    if (s.kind === "kFold")
      it(`kFold({ nSplits: ${s.nSplits}, shuffle: true, seed: ${s.seed} }).split(${s.n}) equals KFold`, () => {
        const folds = kFold({ nSplits: s.nSplits, shuffle: true, seed: s.seed as number }).split(
          s.n as number,
        );
        expect(folds.map((f) => [...f.test])).toEqual(s.folds);
      });
    else if (s.kind === "stratifiedKFold")
      it(`stratifiedKFold({ nSplits: ${s.nSplits}, seed: ${s.seed} }) on ${s.y?.length} labels equals StratifiedKFold`, () => {
        const y = s.y as (number | string)[];
        const splitter =
          s.seed === null
            ? stratifiedKFold({ nSplits: s.nSplits })
            : stratifiedKFold({ nSplits: s.nSplits, shuffle: true, seed: s.seed });
        expect(splitter.split(y.length, y).map((f) => [...f.test])).toEqual(s.folds);
      });
    else
      it(`trainTestSplit(${s.n}, { testSize: ${s.testSize}, trainSize: ${s.trainSize}, seed: ${s.seed}${s.stratify ? ", stratify" : ""} }) equals train_test_split`, () => {
        const { train, test } = trainTestSplit(s.n as number, {
          testSize: s.testSize ?? undefined,
          trainSize: s.trainSize ?? undefined,
          seed: s.seed as number,
          stratify: s.stratify ?? undefined,
        });
        expect([...train]).toEqual(s.train);
        expect([...test]).toEqual(s.test);
      });
  }
});
