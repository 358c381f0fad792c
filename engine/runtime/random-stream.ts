/**
 * The one thing runtime services need from the kernel's random streams. Declared here, not
 * imported, so that the runtime knows nothing of the kernel: any object with `next()` fits,
 * a seedrandom instance or a kernel stream alike.
 */
export interface RandomStream {
  /** A uniform draw from [0, 1). */
  next(): number;
}
