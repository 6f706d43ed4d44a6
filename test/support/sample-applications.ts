/**
 * Valid applications for the service processes, as their start forms collect them: one place for the sample
 * applicants that the worker tests (which add when the window received them) and the whole-process tests
 * (which add a case id) both start from.
 */

/** A 一窗通 application for a natural-person LLC, collected at the window. */
export function enterpriseApplicationSample(): Record<string, unknown> {
  return {
    applicant: { name: '张三', idNumber: '370102199001011234' },
    enterpriseName: '济南泉城软件有限公司',
    entityType: 'natural-person-llc',
    address: '济南市历下区泉城路1号',
    businessScope: '软件开发；信息技术咨询服务',
    registeredCapital: 100,
    legalRepresentative: { name: '张三', idNumber: '370102199001011234', phone: '13800000000' },
    investors: [{ name: '张三', idNumber: '370102199001011234', contribution: 100 }],
    insuredEmployees: 5,
    housingFundRate: 12,
    invoiceTypes: ['ordinary-electronic'],
    bankBranch: '济南泉城路支行',
    deliveryMode: 'window',
    eSignatureConfirmed: true,
  };
}

/** A reviewed-category 惠才卡 application without the staffing green channel. */
export function talentApplicationSample(): Record<string, unknown> {
  return {
    talent: { name: '李四', idType: 'resident-id', idNumber: '370102198502021234', nationality: '中国' },
    employer: { name: '山东省某研究院', uscc: '12370000MB1234567X' },
    category: 'reviewed',
    qualifyingBasis: '国家级人才工程入选者',
    commissionerId: 'commissioner-1',
    staffingRequested: false,
  };
}

/** The insured person of {@link medicalInsuranceApplicationSample}. */
export const SAMPLE_INSURED_ID = '370102199203031234';

/** A within-province medical-insurance transfer (employee scheme), Qingdao → Jinan. */
export function medicalInsuranceApplicationSample(): Record<string, unknown> {
  return {
    insured: { name: '王五', idNumber: SAMPLE_INSURED_ID, socialSecurityCardNumber: 'A12345678', phone: '13900000000' },
    scheme: 'employee',
    transferOutRegion: '青岛市',
    transferInRegion: '济南市',
    newEmployerUscc: '91370102MA3C4D5E6F',
  };
}

/** A real-estate registration application as the real-estate-application form submits it (a 历下区 flat). */
export function realEstateApplicationSample(): Record<string, unknown> {
  return {
    applicant: { name: '王五', idNumber: '370102198805051234', phone: '13800000000' },
    registrationType: 'mortgage',
    propertyUnitNumber: '370102001001GB00001F00010001',
    propertyAddress: '济南市历下区泉城路1号1单元101室',
    jurisdiction: '370102',
    agentFiling: false,
  };
}
