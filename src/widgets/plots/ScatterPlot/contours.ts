/**
 * Marching squares: the level set { f = level } of a function sampled on a regular grid, as
 * line segments with linear interpolation along cell edges.
 *
 * Grid layout: values[j * nx + i] is f at (x_i, y_j), i in [0, nx), j in [0, ny).
 * Segments are returned in grid-index coordinates (i, j as fractional numbers) as a flat array
 * [i1, j1, i2, j2, …]; the caller maps them to data or pixel space.
 */
export function marchingSquares(values: ArrayLike<number>, nx: number, ny: number, level: number): number[] {
  const out: number[] = [];
  const v = (i: number, j: number) => values[j * nx + i];
  // Point on the edge between two corners where f crosses the level.
  const lerp = (fa: number, fb: number) => {
    const d = fb - fa;
    return d === 0 ? 0.5 : (level - fa) / d;
  };
  for (let j = 0; j < ny - 1; j++) {
    for (let i = 0; i < nx - 1; i++) {
      const f00 = v(i, j);
      const f10 = v(i + 1, j);
      const f11 = v(i + 1, j + 1);
      const f01 = v(i, j + 1);
      if (!(Number.isFinite(f00) && Number.isFinite(f10) && Number.isFinite(f11) && Number.isFinite(f01))) continue;
      const code = (f00 > level ? 1 : 0) | (f10 > level ? 2 : 0) | (f11 > level ? 4 : 0) | (f01 > level ? 8 : 0);
      if (code === 0 || code === 15) continue;
      // Crossing points on the four edges: bottom (00-10), right (10-11), top (01-11), left (00-01).
      const bottom = () => [i + lerp(f00, f10), j];
      const right = () => [i + 1, j + lerp(f10, f11)];
      const top = () => [i + lerp(f01, f11), j + 1];
      const left = () => [i, j + lerp(f00, f01)];
      const seg = (p: number[], q: number[]) => out.push(p[0], p[1], q[0], q[1]);
      switch (code) {
        case 1:
        case 14:
          seg(left(), bottom());
          break;
        case 2:
        case 13:
          seg(bottom(), right());
          break;
        case 3:
        case 12:
          seg(left(), right());
          break;
        case 4:
        case 11:
          seg(right(), top());
          break;
        case 6:
        case 9:
          seg(bottom(), top());
          break;
        case 7:
        case 8:
          seg(left(), top());
          break;
        case 5:
        case 10: {
          // Saddle: decide by the cell centre's average.
          const centreAbove = (f00 + f10 + f11 + f01) / 4 > level;
          if ((code === 5) === centreAbove) {
            seg(left(), top());
            seg(bottom(), right());
          } else {
            seg(left(), bottom());
            seg(right(), top());
          }
          break;
        }
      }
    }
  }
  return out;
}
