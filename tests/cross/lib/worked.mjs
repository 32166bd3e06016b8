// MODEL.md's worked example in the saved form (version 2): three changes in
// the build phase on the default settings; hourly 15,646.50, fixed 17,214.00.
export const WORKED = {
  v: 2,
  changes: [
    [1, 'logo bigger', 'tweak', 120, 'build'],
    [2, 'sample documents outdated', 'rework', 960, 'build'],
    [3, 'sales joins planning', 'stakeholder', 360, 'build'],
  ],
};
