/** A unit's level runs from 1 (司法部) down to 5: the 司法所, where persons are registered. */
export const JUSTICE_OFFICE = 5;
