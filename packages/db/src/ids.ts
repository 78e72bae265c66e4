import { v7 } from 'uuid';

/**
 * The id of a new row or event that the application makes itself: a time-ordered UUID (version 7,
 * RFC 9562: 48 bits of milliseconds, then 74 random bits). Ids made later sort after earlier ones, so
 * new keys land next to each other in their B-tree index (a case's primary key, its timeline and
 * parties, its event version, a consumer's inbox, the planning projection): at its right edge once all
 * its ids are time-ordered, together in one place among older random ones. A random key goes to any
 * page of a large index, which must be read in and, after each checkpoint, logged whole.
 * Within one process the library keeps them increasing even within a millisecond.
 */
export const newId = (): string => v7();
