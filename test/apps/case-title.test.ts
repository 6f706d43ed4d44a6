import { expect } from 'chai';
import { englishCaseTitle } from '../../apps/public/shared/case-title';

describe("a case title in the apps' English mode", function () {
  it('names the item of each demo process in English and keeps the subject as recorded', function () {
    expect(englishCaseTitle('企业开办：济南泉城控股股份有限公司')).to.equal('Enterprise opening: 济南泉城控股股份有限公司');
    expect(englishCaseTitle('医保关系转移接续：王五（青岛→济南）')).to.equal('Medical insurance transfer: 王五（青岛→济南）');
    expect(englishCaseTitle('惠才卡核发：李华（山东省某研究院）')).to.equal('Talent card issuance: 李华（山东省某研究院）');
    expect(englishCaseTitle('子女入学：李小华（李华）')).to.equal("Child's school enrolment: 李小华（李华）");
    expect(englishCaseTitle('编制实名制管理：李华（山东省某研究院）')).to.equal('Staffing registration: 李华（山东省某研究院）');
    expect(englishCaseTitle('某某物流仓库扩建项目工程建设项目审批')).to.equal('Construction project approval: 某某物流仓库扩建项目');
  });

  it("translates a real-estate registration's type and a 好差评 case's evaluated case", function () {
    expect(englishCaseTitle('不动产登记：查封登记（张三，济南市历下区经十路1号）')).to.equal('Real-estate registration: Seizure（张三，济南市历下区经十路1号）');
    expect(englishCaseTitle('好差评：企业开办：济南泉城控股股份有限公司')).to.equal('Service evaluation: Enterprise opening: 济南泉城控股股份有限公司');
  });

  it('leaves a title of an unknown item as it is', function () {
    expect(englishCaseTitle('某某事项：张三')).to.equal('某某事项：张三');
    expect(englishCaseTitle('设立登记')).to.equal('设立登记');
  });
});
