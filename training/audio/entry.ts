// What the training scripts need from the app's analysis code (bundled by bundle.mjs).
export { featuresOfFile, analyzeFile } from '../../src/main/library/analysis/analyze.js';
export { FEATURE_NAMES } from '../../src/main/library/analysis/features.js';
export { MOOD_MODEL, predictMood } from '../../src/main/library/analysis/mood-model.js';
export { readTags } from '../../src/main/library/tags.js';
