import type { Schemas } from "../../api/models";

type Business = Schemas["Business"];

/** Every kind of business, in the order the console shows them (a `Record`, so that
 *  a kind the API adds fails the type check here until it has a place). */
const KINDS: Record<Business, null> = {
  restaurant: null,
  bakery: null,
  retail: null,
  salon: null,
  esthetic: null,
  bodywork: null,
  gym: null,
  clinic: null,
  school: null,
  lodging: null,
  pet_care: null,
  photo_studio: null,
  cleaning: null,
  automotive: null,
  real_estate: null,
};

export const BUSINESSES = Object.keys(KINDS) as Business[];

/** Whether two picks hold the same kinds, in any order. */
export const sameKinds = (a: readonly Business[], b: readonly Business[]) =>
  a.length === b.length && a.every((k) => b.includes(k));
