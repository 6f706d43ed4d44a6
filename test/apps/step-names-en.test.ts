import { expect } from 'chai';
import { englishStepName, stepNameIn } from '../../apps/public/shared/step-names-en';

describe("a step's name in the apps' English mode", function () {
  it("names the demo models' people's steps and automatic steps in English", function () {
    expect(englishStepName('登记审核')).to.equal('Registration review');
    expect(englishStepName('督办：超时办理')).to.equal('Supervision: overdue handling');
    expect(englishStepName('登记申请')).to.equal('Register the application');
  });

  it('composes the 亮灯 families from their stage', function () {
    expect(englishStepName('黄灯提醒：登记办理')).to.equal('Yellow-light reminder: registration');
    expect(englishStepName('电子监察记录：转出地办理')).to.equal('E-supervision record: transferring office');
    expect(englishStepName('登记办理红灯')).to.equal('Registration red light');
    expect(englishStepName('全流程黄灯提醒')).to.equal('Whole process yellow-light reminder');
  });

  it('leaves a step it does not know as the model names it, and Chinese as it is', function () {
    expect(englishStepName('审查材料')).to.equal(undefined);
    expect(stepNameIn('en', '审查材料')).to.equal('审查材料');
    expect(stepNameIn('en', '黄灯提醒：某某环节')).to.equal('黄灯提醒：某某环节');
    expect(stepNameIn('zh', '登记审核')).to.equal('登记审核');
  });
});
