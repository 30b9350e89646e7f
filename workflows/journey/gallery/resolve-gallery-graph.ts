import type { JourneyGraph } from '../graph';
import type { GalleryJourney, GalleryReference } from './gallery-journey';

/**
 * The gallery journey's graph with each symbolic reference replaced by what `resolve`
 * answers for it (an id in the workspace, or '' when there is none: the editor then marks
 * the field and publishing refuses until the marketer picks one).
 */
export function resolveGalleryGraph(
  journey: GalleryJourney,
  resolve: (reference: GalleryReference) => string,
): JourneyGraph {
  return {
    nodes: journey.nodes.map((node) => {
      // A deep copy: resolving must never change the gallery itself (plain JSON data).
      const data = JSON.parse(JSON.stringify(node.data)) as Record<string, unknown>;
      for (const [path, reference] of Object.entries(node.refs ?? {}))
        setPath(data, path, resolve(reference));
      return { id: node.id, type: node.type, position: { ...node.position }, data };
    }),
    edges: journey.edges.map((edge) => ({ ...edge })),
  };
}

/** All references of a journey, for the server to look up or create before resolving. */
export function galleryReferences(journey: GalleryJourney): GalleryReference[] {
  return journey.nodes.flatMap((node) => Object.values(node.refs ?? {}));
}

function setPath(target: Record<string, unknown>, path: string, value: string): void {
  const parts = path.split('.');
  let cursor: unknown = target;
  for (const part of parts.slice(0, -1)) {
    cursor = (cursor as Record<string, unknown>)[part];
    if (typeof cursor !== 'object' || cursor === null)
      throw new Error(`gallery reference path ${path} not found`);
  }
  (cursor as Record<string, unknown>)[parts.at(-1)!] = value;
}
