/** Bad segment input, naming the field (`name`, `rules.2.days`) the form shows it next to. */
export class SegmentInputError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
    this.name = 'SegmentInputError';
  }
}

export class SegmentNotFoundError extends Error {
  constructor(readonly segmentId: string) {
    super(`No segment "${segmentId}" in this workspace.`);
    this.name = 'SegmentNotFoundError';
  }
}

/** Something still points at the segment (a broadcast that went to it): kept, so history stays readable. */
export class SegmentInUseError extends Error {
  constructor(readonly segmentId: string) {
    super(`Segment "${segmentId}" is still referenced (by a broadcast) and cannot be deleted.`);
    this.name = 'SegmentInUseError';
  }
}
