/**
 * Demo meetings, from the PAO's report of its workshop of 28 December 2016 (พ.ศ. 2559) at the Pearl
 * Hotel, Phuket, for the network's working group and the executives of the 19 organizations (the
 * seeds' source text): its three topics are the agenda. The text records the Deputy Governor's
 * requests, not numbered resolutions; the resolutions and due dates below restate those requests as
 * demo data. The signing meeting carries the demo waste MOU (its date, 15 March 2018, is the one the
 * waste targets depend on; the source text reports a waste MOU signed at the 2016 workshop itself).
 */
export const DEMO_WORKSHOP = {
  title: 'สัมมนาเชิงปฏิบัติการ พัฒนาศักยภาพคณะทำงานเครือข่าย 19 อปท. (Phuket Clinic Center network workshop)',
  kind: 'WORKSHOP' as const,
  heldOn: '2016-12-28',
  place: 'โรงแรมเพิร์ล ภูเก็ต อ.เมือง จ.ภูเก็ต (Pearl Hotel, Mueang Phuket)',
  agenda: [
    'การจ่ายขาดเงินสะสม (disbursing accumulated funds)',
    'โครงการที่ อบจ.ภูเก็ต ดำเนินการ/บูรณาการร่วมกับ อปท. ในปีที่ผ่านมา (last year’s joint PAO–LGO projects)',
    'โครงการพัฒนา อปท. ที่จะประสานแผนกับ อบจ.ภูเก็ต ปี 2561 (projects to coordinate with the PAO’s FY2561 plan)',
  ],
  resolutions: [
    {
      text: 'เร่งดำเนินโครงการที่ได้รับอนุมัติงบประมาณแล้ว โดยประสานงานระหว่างกัน ให้เป็นไปตามเกณฑ์ (speed up the projects whose budgets are approved, coordinating with each other)',
      description: 'Report the approved projects not yet under contract and their schedule',
      dueOn: '2017-03-31',
    },
    {
      text: 'ส่งโครงการพัฒนาที่จะประสานแผนกับ อบจ.ภูเก็ต ปี 2561 (submit the projects to coordinate with the PAO’s FY2561 plan)',
      description: 'Submit the FY2561 projects for coordination with the PAO',
      dueOn: '2017-06-30',
    },
  ],
};

export const DEMO_SIGNING = {
  title: 'พิธีลงนามบันทึกข้อตกลงความร่วมมือการบริหารจัดการขยะมูลฝอยจังหวัดภูเก็ต (waste MOU signing)',
  kind: 'SIGNING' as const,
  heldOn: '2018-03-15',
  place: 'องค์การบริหารส่วนจังหวัดภูเก็ต (Phuket PAO)',
  agenda: ['ลงนามบันทึกข้อตกลง ลดปริมาณขยะร้อยละ 5 (sign the MOU: 5 % less waste)'],
};
