/**
 * Word lists for the demo books: places, people, trades and goods an Italian company's ledger is full of.
 * Data only; `generate.ts` combines them.
 */

export interface City {
  readonly name: string;
  /** Sigla della provincia. */
  readonly province: string;
  /**
   * Provincial code (ISTAT), which is also the office code in digits 8–10 of a partita IVA issued there:
   * the address of a customer is found again from its VAT number.
   */
  readonly code: number;
  readonly cap: string;
  /** How often customers are based there (business density, roughly). */
  readonly weight: number;
}

export const CITIES: readonly City[] = [
  { name: 'Milano', province: 'MI', code: 15, cap: '20121', weight: 12 },
  { name: 'Roma', province: 'RM', code: 58, cap: '00184', weight: 8 },
  { name: 'Torino', province: 'TO', code: 1, cap: '10121', weight: 6 },
  { name: 'Napoli', province: 'NA', code: 63, cap: '80133', weight: 4 },
  { name: 'Bologna', province: 'BO', code: 37, cap: '40121', weight: 5 },
  { name: 'Firenze', province: 'FI', code: 48, cap: '50123', weight: 4 },
  { name: 'Genova', province: 'GE', code: 10, cap: '16121', weight: 3 },
  { name: 'Venezia', province: 'VE', code: 27, cap: '30121', weight: 2 },
  { name: 'Verona', province: 'VR', code: 23, cap: '37121', weight: 4 },
  { name: 'Padova', province: 'PD', code: 28, cap: '35122', weight: 4 },
  { name: 'Brescia', province: 'BS', code: 17, cap: '25121', weight: 5 },
  { name: 'Bergamo', province: 'BG', code: 16, cap: '24121', weight: 5 },
  { name: 'Monza', province: 'MB', code: 108, cap: '20900', weight: 4 },
  { name: 'Varese', province: 'VA', code: 12, cap: '21100', weight: 3 },
  { name: 'Como', province: 'CO', code: 13, cap: '22100', weight: 2 },
  { name: 'Lecco', province: 'LC', code: 97, cap: '23900', weight: 2 },
  { name: 'Treviso', province: 'TV', code: 26, cap: '31100', weight: 3 },
  { name: 'Vicenza', province: 'VI', code: 24, cap: '36100', weight: 3 },
  { name: 'Modena', province: 'MO', code: 36, cap: '41121', weight: 3 },
  { name: 'Parma', province: 'PR', code: 34, cap: '43121', weight: 2 },
  { name: 'Reggio Emilia', province: 'RE', code: 35, cap: '42121', weight: 2 },
  { name: 'Piacenza', province: 'PC', code: 33, cap: '29121', weight: 1 },
  { name: 'Rimini', province: 'RN', code: 99, cap: '47921', weight: 1 },
  { name: 'Forlì', province: 'FC', code: 40, cap: '47121', weight: 1 },
  { name: 'Ravenna', province: 'RA', code: 39, cap: '48121', weight: 1 },
  { name: 'Ferrara', province: 'FE', code: 38, cap: '44121', weight: 1 },
  { name: 'Mantova', province: 'MN', code: 20, cap: '46100', weight: 1 },
  { name: 'Cremona', province: 'CR', code: 19, cap: '26100', weight: 1 },
  { name: 'Pavia', province: 'PV', code: 18, cap: '27100', weight: 1 },
  { name: 'Novara', province: 'NO', code: 3, cap: '28100', weight: 1 },
  { name: 'Cuneo', province: 'CN', code: 4, cap: '12100', weight: 1 },
  { name: 'Alessandria', province: 'AL', code: 6, cap: '15121', weight: 1 },
  { name: 'Trento', province: 'TN', code: 22, cap: '38122', weight: 2 },
  { name: 'Bolzano', province: 'BZ', code: 21, cap: '39100', weight: 2 },
  { name: 'Udine', province: 'UD', code: 30, cap: '33100', weight: 2 },
  { name: 'Pordenone', province: 'PN', code: 93, cap: '33170', weight: 1 },
  { name: 'Trieste', province: 'TS', code: 32, cap: '34121', weight: 1 },
  { name: 'Ancona', province: 'AN', code: 42, cap: '60121', weight: 2 },
  { name: 'Pesaro', province: 'PU', code: 41, cap: '61121', weight: 1 },
  { name: 'Perugia', province: 'PG', code: 54, cap: '06121', weight: 2 },
  { name: 'Pisa', province: 'PI', code: 50, cap: '56125', weight: 1 },
  { name: 'Prato', province: 'PO', code: 100, cap: '59100', weight: 2 },
  { name: 'Lucca', province: 'LU', code: 46, cap: '55100', weight: 1 },
  { name: 'Arezzo', province: 'AR', code: 51, cap: '52100', weight: 1 },
  { name: 'Pescara', province: 'PE', code: 68, cap: '65121', weight: 1 },
  { name: "L'Aquila", province: 'AQ', code: 66, cap: '67100', weight: 1 },
  { name: 'Latina', province: 'LT', code: 59, cap: '04100', weight: 1 },
  { name: 'Caserta', province: 'CE', code: 61, cap: '81100', weight: 1 },
  { name: 'Salerno', province: 'SA', code: 65, cap: '84121', weight: 2 },
  { name: 'Bari', province: 'BA', code: 72, cap: '70121', weight: 3 },
  { name: 'Lecce', province: 'LE', code: 75, cap: '73100', weight: 1 },
  { name: 'Taranto', province: 'TA', code: 73, cap: '74121', weight: 1 },
  { name: 'Cosenza', province: 'CS', code: 78, cap: '87100', weight: 1 },
  { name: 'Reggio Calabria', province: 'RC', code: 80, cap: '89121', weight: 1 },
  { name: 'Palermo', province: 'PA', code: 82, cap: '90133', weight: 2 },
  { name: 'Catania', province: 'CT', code: 87, cap: '95121', weight: 2 },
  { name: 'Messina', province: 'ME', code: 83, cap: '98122', weight: 1 },
  { name: 'Cagliari', province: 'CA', code: 92, cap: '09121', weight: 1 },
  { name: 'Sassari', province: 'SS', code: 90, cap: '07100', weight: 1 },
  { name: 'Aosta', province: 'AO', code: 7, cap: '11100', weight: 1 },
];

export const STREETS = [
  'Via Roma', 'Via Garibaldi', 'Via Mazzini', 'Corso Italia', 'Via Cavour', 'Via Dante Alighieri', 'Via Verdi',
  'Viale dell\'Industria', 'Via dell\'Artigianato', 'Via Matteotti', 'Via XX Settembre', 'Via Marconi',
  'Via Leonardo da Vinci', 'Viale Europa', 'Via dei Mille', 'Via Gramsci', 'Via Manzoni', 'Via Nazionale',
  'Strada Provinciale 11', 'Via del Commercio', 'Via Galileo Galilei', 'Piazza della Repubblica',
  'Via San Francesco', 'Via Volta', 'Via Kennedy', 'Via dell\'Innovazione', 'Via Fermi', 'Largo Augusto',
] as const;

export const SURNAMES = [
  'Rossi', 'Russo', 'Ferrari', 'Esposito', 'Bianchi', 'Romano', 'Colombo', 'Ricci', 'Marino', 'Greco', 'Bruno',
  'Gallo', 'Conti', 'De Luca', 'Mancini', 'Costa', 'Giordano', 'Rizzo', 'Lombardi', 'Moretti', 'Barbieri',
  'Fontana', 'Santoro', 'Mariani', 'Rinaldi', 'Caruso', 'Ferrara', 'Galli', 'Martini', 'Leone', 'Longo',
  'Gentile', 'Martinelli', 'Vitale', 'Lombardo', 'Serra', 'Coppola', 'De Santis', "D'Angelo", 'Marchetti',
  'Parisi', 'Villa', 'Conte', 'Ferraro', 'Ferri', 'Fabbri', 'Bianco', 'Marini', 'Grasso', 'Valentini',
  'Messina', 'Sala', 'De Angelis', 'Gatti', 'Pellegrini', 'Palumbo', 'Sanna', 'Farina', 'Rizzi', 'Monti',
  'Cattaneo', 'Morelli', 'Amato', 'Silvestri', 'Mazza', 'Testa', 'Grassi', 'Pellegrino', 'Carbone',
  'Giuliani', 'Benedetti', 'Barone', 'Rossetti', 'Caputo', 'Montanari', 'Guerra', 'Palmieri', 'Bernardi',
  'Martino', 'Fiore', 'De Rosa', 'Ferretti', 'Bellini', 'Basile', 'Riva', 'Donati', 'Piras', 'Vitali',
  'Battaglia', 'Sartori', 'Neri', 'Costantini', 'Milani', 'Pagano', 'Ruggiero', 'Sorrentino', "D'Amico",
  'Orlando', 'Negri', 'Brambilla', 'Bonetti', 'Zanetti', 'Fumagalli', 'Pozzi', 'Colombini',
  'Scuderi', 'Tosi', 'Benassi', 'Cocco', 'Zanella', 'Bertolini', 'Agostini',
] as const;

export const FIRST_NAMES = [
  'Marco', 'Giuseppe', 'Giovanni', 'Antonio', 'Francesco', 'Luca', 'Alessandro', 'Andrea', 'Stefano', 'Paolo',
  'Roberto', 'Massimo', 'Davide', 'Matteo', 'Lorenzo', 'Simone', 'Fabio', 'Nicola', 'Pietro', 'Gianluca',
  'Maria', 'Anna', 'Giulia', 'Francesca', 'Chiara', 'Sara', 'Laura', 'Valentina', 'Elena', 'Silvia',
  'Federica', 'Alessandra', 'Paola', 'Martina', 'Elisa', 'Barbara', 'Cristina', 'Roberta', 'Monica', 'Ilaria',
] as const;

/** Trades for a ragione sociale: `Costruzioni Rossi Srl`, `Idraulica di Bruno Mario`. */
export const TRADES = [
  'Costruzioni', 'Edilizia', 'Impianti Elettrici', 'Idraulica', 'Termoidraulica', 'Autotrasporti',
  'Logistica', 'Carpenteria Metallica', 'Meccanica', 'Minuterie Metalliche', 'Stampaggio Plastica',
  'Arredamenti', 'Mobilificio', 'Falegnameria', 'Tessitura', 'Confezioni', 'Calzaturificio', 'Pelletteria',
  'Ceramiche', 'Vetreria', 'Tipografia', 'Grafiche', 'Informatica', 'Sistemi Informativi', 'Consulenze',
  'Elettronica', 'Automazioni', 'Ferramenta', 'Colorificio', 'Commercio Ingrosso', 'Distribuzione Alimentare',
  'Caseificio', 'Salumificio', 'Pastificio', 'Cantine', 'Oleificio', 'Forniture Alberghiere', 'Ristorazione',
  'Pulizie Industriali', 'Serramenti', 'Marmi e Graniti', 'Farmaceutici', 'Cosmetici', 'Ottica',
  'Officina Meccanica', 'Agricola', 'Vivai', 'Gomme e Pneumatici', 'Ricambi Auto', 'Imballaggi',
] as const;

/** Invented company names (`Tecnoservizi Srl`) and regional adjectives (`Meccanica Lombarda S.p.A.`). */
export const FANCY_NAMES = [
  'Tecnoservizi', 'Edilnord', 'Metalsud', 'Eurotrasporti', 'Idealcasa', 'Progetto Verde', 'Nuova Stampa',
  'Sole Energia', 'Adriatica Pesca', 'Alpina Legnami', 'Italforniture', 'Mediterranea Alimenti', 'Polimeri Nord',
  'Arte Ceramica', 'Vetro Design', 'Elettro Sistemi', 'Omnia Service', 'Centro Ufficio', 'Kappa Tre', 'Delta Impianti',
] as const;

/** Halves of the compound names Italian firms love: `Tecno` + `impianti` → `Tecnoimpianti`. */
export const NAME_PREFIXES = [
  'Tecno', 'Edil', 'Metal', 'Euro', 'Ital', 'Elettro', 'Idro', 'Termo', 'Agri', 'Logi', 'Poli', 'Eco', 'Nord',
  'Medi', 'Alpi', 'Omni', 'Multi', 'Servi', 'Geo', 'Inter',
] as const;
export const NAME_SUFFIXES = [
  'servizi', 'sistemi', 'forniture', 'impianti', 'trasporti', 'plast', 'mec', 'tech', 'casa', 'verde', 'line',
  'service', 'progetti', 'stampa', 'legno', 'color',
] as const;

/** Feminine singular trades, which agree with a regional adjective: `Ceramica Toscana S.p.A.`. */
export const INDUSTRIES = [
  'Meccanica', 'Ceramica', 'Tessitura', 'Vetreria', 'Cartiera', 'Fonderia', 'Distribuzione', 'Acciaieria',
  'Logistica', 'Carpenteria', 'Tipografia', 'Plastica', 'Elettromeccanica', 'Conserviera',
] as const;

export const REGIONAL_ADJECTIVES = [
  'Lombarda', 'Veneta', 'Emiliana', 'Piemontese', 'Toscana', 'Romagnola', 'Friulana', 'Ligure', 'Marchigiana',
  'Campana', 'Pugliese', 'Siciliana', 'Sarda', 'Adriatica', 'Tirrenica', 'Padana', 'Alpina', 'Italiana',
] as const;

/** What the demo company sells: description, unit price range (whole euros), whether hours (halves allowed). */
export interface Product {
  readonly description: string;
  readonly minPrice: number;
  readonly maxPrice: number;
  readonly quantity: readonly [number, number];
  /** Reduced VAT rate when the goods or works qualify (10% building works and food, 4% books and staples). */
  readonly vatRate: 22 | 10 | 4;
  readonly hours?: boolean;
}

export const PRODUCTS: readonly Product[] = [
  { description: 'Consulenza tecnica specialistica', minPrice: 60, maxPrice: 120, quantity: [2, 40], vatRate: 22, hours: true },
  { description: 'Assistenza sistemistica on-site', minPrice: 45, maxPrice: 80, quantity: [1, 24], vatRate: 22, hours: true },
  { description: 'Canone manutenzione impianti (trimestrale)', minPrice: 180, maxPrice: 1500, quantity: [1, 1], vatRate: 22 },
  { description: 'Canone licenza software gestionale', minPrice: 90, maxPrice: 900, quantity: [1, 12], vatRate: 22 },
  { description: 'Fornitura materiale elettrico', minPrice: 3, maxPrice: 60, quantity: [5, 200], vatRate: 22 },
  { description: 'Cavo FG16OR16 3G2,5 (al metro)', minPrice: 1, maxPrice: 4, quantity: [50, 500], vatRate: 22 },
  { description: 'Quadro elettrico di distribuzione', minPrice: 350, maxPrice: 4200, quantity: [1, 3], vatRate: 22 },
  { description: 'Trasporto e consegna merce', minPrice: 35, maxPrice: 450, quantity: [1, 4], vatRate: 22 },
  { description: 'Bancali EPAL 120x80', minPrice: 9, maxPrice: 16, quantity: [10, 120], vatRate: 22 },
  { description: 'Imballaggi in cartone ondulato', minPrice: 1, maxPrice: 5, quantity: [100, 1000], vatRate: 22 },
  { description: 'Viteria inox A2 assortita (conf. 100 pz)', minPrice: 6, maxPrice: 25, quantity: [2, 50], vatRate: 22 },
  { description: 'Lamiera zincata 10/10 (lastra 2000x1000)', minPrice: 25, maxPrice: 60, quantity: [5, 80], vatRate: 22 },
  { description: 'Noleggio piattaforma aerea (giornaliero)', minPrice: 150, maxPrice: 380, quantity: [1, 10], vatRate: 22 },
  { description: 'Toner e materiali di consumo per stampanti', minPrice: 30, maxPrice: 140, quantity: [1, 20], vatRate: 22 },
  { description: 'Sedia operativa ergonomica', minPrice: 120, maxPrice: 390, quantity: [1, 25], vatRate: 22 },
  { description: 'Scrivania modulare 160x80', minPrice: 180, maxPrice: 650, quantity: [1, 12], vatRate: 22 },
  { description: 'Corso di formazione sicurezza (D.Lgs. 81/08)', minPrice: 90, maxPrice: 350, quantity: [1, 15], vatRate: 22 },
  { description: 'Servizio di pulizia uffici (mensile)', minPrice: 300, maxPrice: 2200, quantity: [1, 1], vatRate: 22 },
  { description: 'Lavori di manutenzione straordinaria edilizia', minPrice: 800, maxPrice: 9500, quantity: [1, 1], vatRate: 10 },
  { description: 'Ristrutturazione bagno (a corpo)', minPrice: 2500, maxPrice: 12000, quantity: [1, 1], vatRate: 10 },
  { description: 'Olio extravergine di oliva (cartone 6 x 1 l)', minPrice: 40, maxPrice: 75, quantity: [2, 60], vatRate: 4 },
  { description: 'Pasta di semola di grano duro (cartone 24 kg)', minPrice: 28, maxPrice: 45, quantity: [2, 80], vatRate: 4 },
  { description: 'Manuali tecnici e pubblicazioni', minPrice: 18, maxPrice: 65, quantity: [1, 30], vatRate: 4 },
  { description: 'Caffè in grani (confezione 1 kg)', minPrice: 14, maxPrice: 28, quantity: [4, 60], vatRate: 10 },
  { description: 'Prodotti da forno confezionati', minPrice: 2, maxPrice: 9, quantity: [24, 400], vatRate: 10 },
  { description: 'Pernottamento e servizi alberghieri', minPrice: 75, maxPrice: 190, quantity: [1, 20], vatRate: 10 },
];

/** Reasons printed on credit notes. */
export const CREDIT_NOTE_REASONS = [
  'Reso merce non conforme',
  'Storno parziale per differenza prezzo',
  'Abbuono per ritardata consegna',
  'Premio fine anno su volumi di acquisto',
  'Storno per merce danneggiata durante il trasporto',
  'Rettifica quantità fatturata',
] as const;

/** Foreign customers: where they are, their tax id's shape, language and currency. */
export interface ForeignCountry {
  readonly code: 'GB' | 'IE' | 'DE' | 'FR' | 'US';
  readonly name: string;
  readonly cities: readonly { readonly name: string; readonly postcode: string }[];
  readonly streets: readonly string[];
  /** Company names are `stem sector form`: `Harbour Foods Ltd`, `Müller Logistik GmbH`. */
  readonly stems: readonly string[];
  readonly sectors: readonly string[];
  readonly forms: readonly string[];
  readonly language: string;
  readonly currency: 'EUR' | 'USD';
  readonly eu: boolean;
  /** Digits of the tax id after the country code (FatturaPA's IdPaese + IdCodice). */
  readonly taxIdDigits: number;
}

export const FOREIGN_COUNTRIES: readonly ForeignCountry[] = [
  {
    code: 'GB', name: 'Regno Unito', language: 'en', currency: 'EUR', eu: false, taxIdDigits: 9,
    cities: [{ name: 'London', postcode: 'EC2V 7HH' }, { name: 'Manchester', postcode: 'M2 4WU' }, { name: 'Leeds', postcode: 'LS1 4DY' }],
    streets: ['King Street', 'Deansgate', 'Park Row', 'Gresham Street'],
    stems: ['Harbour', 'Northgate', 'Kingsley', 'Brightwater', 'Pennine', 'Oakridge', 'Castlegate', 'Thames Valley'],
    sectors: ['Foods', 'Engineering', 'Trading', 'Interiors', 'Tools', 'Supplies'],
    forms: ['Ltd', 'Ltd', 'plc'],
  },
  {
    code: 'IE', name: 'Irlanda', language: 'en', currency: 'EUR', eu: true, taxIdDigits: 8,
    cities: [{ name: 'Dublin', postcode: 'D02 X285' }, { name: 'Cork', postcode: 'T12 W8CK' }],
    streets: ['Grafton Street', 'Patrick Street', 'Baggot Street'],
    stems: ['Liffey', 'Emerald', 'Shannon', 'Galway Bay', 'Wicklow', "O'Sullivan"],
    sectors: ['Components', 'Distribution', 'Hospitality', 'Foods'],
    forms: ['Ltd', 'DAC'],
  },
  {
    code: 'DE', name: 'Germania', language: 'de', currency: 'EUR', eu: true, taxIdDigits: 9,
    cities: [{ name: 'München', postcode: '80331' }, { name: 'Stuttgart', postcode: '70173' }, { name: 'Hamburg', postcode: '20095' }],
    streets: ['Hauptstraße', 'Bahnhofstraße', 'Industriestraße', 'Königstraße'],
    stems: ['Müller', 'Schäfer', 'Weiß', 'Brenner', 'Köhler', 'Hofmann'],
    sectors: ['Maschinenbau', 'Handels', 'Logistik', 'Großhandel', 'Metallbau'],
    forms: ['GmbH', 'GmbH & Co. KG', 'AG'],
  },
  {
    code: 'FR', name: 'Francia', language: 'fr', currency: 'EUR', eu: true, taxIdDigits: 11,
    cities: [{ name: 'Lyon', postcode: '69002' }, { name: 'Marseille', postcode: '13001' }, { name: 'Nice', postcode: '06000' }],
    streets: ['rue de la République', 'avenue Jean Médecin', 'quai Saint-Antoine'],
    stems: ['Lefèvre', 'Méditerranée', 'Côte d’Azur', 'Rhône', 'Dupré'],
    sectors: ['Négoce', 'Distribution', 'Équipements', 'Hôtellerie'],
    forms: ['SARL', 'SAS'],
  },
  {
    code: 'US', name: 'Stati Uniti', language: 'en', currency: 'USD', eu: false, taxIdDigits: 9,
    cities: [{ name: 'New York, NY', postcode: '10018' }, { name: 'Chicago, IL', postcode: '60606' }, { name: 'Miami, FL', postcode: '33131' }],
    streets: ['Fifth Avenue', 'West Madison Street', 'Brickell Avenue', 'Broadway'],
    stems: ['Hudson', 'Lakeshore', 'Bayfront', 'Atlas', 'Liberty', 'Evergreen'],
    sectors: ['Gourmet Imports', 'Design Group', 'Hospitality Supply', 'Industrial Parts', 'Trading'],
    forms: ['Inc.', 'LLC', 'Corp.'],
  },
];
