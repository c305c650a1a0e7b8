/**
 * The demo company that issues the invoices and sends the reminders, and the postal address of each
 * customer. The wire contract carries no postal address (the add-in never needs one), so the invoice PDF
 * derives it: the city from the partita IVA's provincial office code, the street from the customer id.
 */
import type { CustomerWire } from '../../../src/erp/wire';
import { formatIban, makeItalianIban, makePartitaIva } from './checksums';
import { CITIES, FOREIGN_COUNTRIES, STREETS, type City } from './italian-data';
import { createRandom, hashString } from './random';

/** The seller printed on every invoice, whose IBAN the sollecito quotes. */
export const COMPANY = {
  name: 'Solleciti Demo S.r.l.',
  street: 'Via Gaetano Negri 10',
  cap: '20123',
  city: 'Milano',
  province: 'MI',
  vatNumber: `IT${makePartitaIva(1284739, 15)}`,
  rea: 'MI-2087654',
  shareCapital: 'Cap. soc. € 50.000,00 i.v.',
  email: 'amministrazione@solleciti.example',
  pec: 'solleciti-demo@pec.solleciti.example',
  /** ISO 13616's own Italian example account (ABI 05428, CAB 11101): realistic, and nobody's real account. */
  iban: makeItalianIban('05428', '11101', '000000123456'),
  bank: 'Banca Demo Lombarda, filiale di Milano Centro',
} as const;

export const COMPANY_IBAN_PRINTED = formatIban(COMPANY.iban);

export interface PostalAddress {
  readonly street: string;
  /** `20121 Milano (MI)`, or a foreign city line. */
  readonly cityLine: string;
  /** ISO 3166 code: `IT` for Italian customers. */
  readonly country: string;
  /** Country name in Italian, for foreign addresses. */
  readonly countryName?: string;
  /** Inside the EU (for the VAT exemption printed on invoices to foreign customers). */
  readonly eu: boolean;
}

const cityByCode = new Map<number, City>(CITIES.map((city) => [city.code, city]));

/**
 * The customer's postal address, always the same for the same customer: its country from the tax id's
 * prefix (`IT` or none: Italy), for Italian ones the city of the partita IVA's office code (digits 8–10),
 * the street and number from a hash of the id.
 */
export function postalAddressOf(customer: Pick<CustomerWire, 'id' | 'vatNumber'>): PostalAddress {
  const random = createRandom(hashString(customer.id));
  const vat = customer.vatNumber ?? '';
  const prefix = /^[A-Z]{2}/.test(vat) ? vat.slice(0, 2) : 'IT';
  const foreign = FOREIGN_COUNTRIES.find((country) => country.code === prefix);
  if (foreign !== undefined) {
    const city = random.pick(foreign.cities);
    const number = random.int(1, 240);
    // Germans write the number after the street; the others before it.
    const streetName = random.pick(foreign.streets);
    const street = foreign.code === 'DE' ? `${streetName} ${number}` : `${number} ${streetName}`;
    return {
      street,
      cityLine:
        foreign.code === 'GB' || foreign.code === 'US'
          ? `${city.name} ${city.postcode}`
          : `${city.postcode} ${city.name}`,
      country: foreign.code,
      countryName: foreign.name,
      eu: foreign.eu,
    };
  }
  const office = /^IT\d{11}$/.test(vat) ? Number(vat.slice(9, 12)) : -1;
  const city = cityByCode.get(office) ?? random.pick(CITIES);
  return {
    street: `${random.pick(STREETS)} ${random.int(1, 180)}`,
    cityLine: `${city.cap} ${city.name} (${city.province})`,
    country: 'IT',
    eu: true,
  };
}
