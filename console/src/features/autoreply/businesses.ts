import type { Schemas } from "../../api/models";

type Business = Schemas["Business"];

/** Every kind of business, in the order the console shows them. A `Record` so that
 *  a kind the API adds fails the type check here until it has a place. */
const ORDER: Record<Business, number> = {
  restaurant: 0,
  bakery: 1,
  retail: 2,
  salon: 3,
  esthetic: 4,
  bodywork: 5,
  gym: 6,
  clinic: 7,
  school: 8,
  lodging: 9,
  pet_care: 10,
  photo_studio: 11,
  cleaning: 12,
  automotive: 13,
  real_estate: 14,
};

export const BUSINESSES = (Object.keys(ORDER) as Business[]).sort((a, b) => ORDER[a] - ORDER[b]);

/** Whether two picks hold the same kinds, in any order. */
export const sameKinds = (a: readonly Business[], b: readonly Business[]) =>
  a.length === b.length && a.every((k) => b.includes(k));
