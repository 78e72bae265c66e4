import type { District, OrganizationType } from '../domain/vocabulary';

/** The 19 organizations of the Phuket network (DESIGN §5), with their approximate office locations. */
export const NETWORK_ORGANIZATIONS: ReadonlyArray<{ code: string; nameTh: string; nameEn: string; type: OrganizationType; district: District; lat: number; lng: number }> = [
  { code: 'PKT-PAO', nameTh: 'อบจ.ภูเก็ต', nameEn: 'Phuket PAO', type: 'PROVINCIAL_ADMINISTRATION', district: 'MUEANG_PHUKET', lat: 7.8906, lng: 98.3923 },
  { code: 'PKT-CITY', nameTh: 'ทน.ภูเก็ต', nameEn: 'Phuket City', type: 'CITY_MUNICIPALITY', district: 'MUEANG_PHUKET', lat: 7.8847, lng: 98.3889 },
  { code: 'RATSADA', nameTh: 'ทต.รัษฎา', nameEn: 'Ratsada', type: 'SUBDISTRICT_MUNICIPALITY', district: 'MUEANG_PHUKET', lat: 7.9122, lng: 98.3866 },
  { code: 'WICHIT', nameTh: 'ทต.วิชิต', nameEn: 'Wichit', type: 'SUBDISTRICT_MUNICIPALITY', district: 'MUEANG_PHUKET', lat: 7.8633, lng: 98.3786 },
  { code: 'CHALONG', nameTh: 'ทต.ฉลอง', nameEn: 'Chalong', type: 'SUBDISTRICT_MUNICIPALITY', district: 'MUEANG_PHUKET', lat: 7.8448, lng: 98.3381 },
  { code: 'RAWAI', nameTh: 'ทต.ราไวย์', nameEn: 'Rawai', type: 'SUBDISTRICT_MUNICIPALITY', district: 'MUEANG_PHUKET', lat: 7.7797, lng: 98.3254 },
  { code: 'KARON', nameTh: 'ทต.กะรน', nameEn: 'Karon', type: 'SUBDISTRICT_MUNICIPALITY', district: 'MUEANG_PHUKET', lat: 7.8472, lng: 98.2958 },
  { code: 'KO-KAEO', nameTh: 'อบต.เกาะแก้ว', nameEn: 'Ko Kaeo', type: 'SUBDISTRICT_ADMINISTRATION', district: 'MUEANG_PHUKET', lat: 7.9506, lng: 98.3819 },
  { code: 'KATHU', nameTh: 'ทม.กะทู้', nameEn: 'Kathu', type: 'TOWN_MUNICIPALITY', district: 'KATHU', lat: 7.9103, lng: 98.3369 },
  { code: 'PATONG', nameTh: 'ทม.ป่าตอง', nameEn: 'Patong', type: 'TOWN_MUNICIPALITY', district: 'KATHU', lat: 7.8961, lng: 98.2969 },
  { code: 'KAMALA', nameTh: 'อบต.กมลา', nameEn: 'Kamala', type: 'SUBDISTRICT_ADMINISTRATION', district: 'KATHU', lat: 7.9569, lng: 98.2836 },
  { code: 'THEP-KRASATTRI-M', nameTh: 'ทต.เทพกระษัตรี', nameEn: 'Thep Krasattri', type: 'SUBDISTRICT_MUNICIPALITY', district: 'THALANG', lat: 8.0300, lng: 98.3340 },
  { code: 'THEP-KRASATTRI-S', nameTh: 'อบต.เทพกระษัตรี', nameEn: 'Thep Krasattri', type: 'SUBDISTRICT_ADMINISTRATION', district: 'THALANG', lat: 8.0425, lng: 98.3300 },
  { code: 'SI-SUNTHON', nameTh: 'ทต.ศรีสุนทร', nameEn: 'Si Sunthon', type: 'SUBDISTRICT_MUNICIPALITY', district: 'THALANG', lat: 7.9889, lng: 98.3336 },
  { code: 'CHOENG-THALE-M', nameTh: 'ทต.เชิงทะเล', nameEn: 'Choeng Thale', type: 'SUBDISTRICT_MUNICIPALITY', district: 'THALANG', lat: 7.9961, lng: 98.2961 },
  { code: 'CHOENG-THALE-S', nameTh: 'อบต.เชิงทะเล', nameEn: 'Choeng Thale', type: 'SUBDISTRICT_ADMINISTRATION', district: 'THALANG', lat: 8.0050, lng: 98.3030 },
  { code: 'PA-KHLOK', nameTh: 'ทต.ป่าคลอก', nameEn: 'Pa Khlok', type: 'SUBDISTRICT_MUNICIPALITY', district: 'THALANG', lat: 8.0350, lng: 98.4050 },
  { code: 'SAKHU', nameTh: 'อบต.สาคู', nameEn: 'Sakhu', type: 'SUBDISTRICT_ADMINISTRATION', district: 'THALANG', lat: 8.0800, lng: 98.3000 },
  { code: 'MAI-KHAO', nameTh: 'อบต.ไม้ขาว', nameEn: 'Mai Khao', type: 'SUBDISTRICT_ADMINISTRATION', district: 'THALANG', lat: 8.1500, lng: 98.3000 },
];

/** The province-wide waste-management MOU, signed in FY2561: 5 % less waste than FY2560, the last full year. */
export const WASTE_MOU = {
  title: 'MOU on integrated solid waste management of Phuket Province (บันทึกข้อตกลงความร่วมมือการบริหารจัดการขยะมูลฝอยจังหวัดภูเก็ต)',
  subject: 'WASTE_MANAGEMENT' as const,
  signedOn: '2018-03-15',
  targets: [{ metric: 'WASTE_REDUCTION', value: '5.00', unit: 'PERCENT', baselineFiscalYear: 2560 }],
};
