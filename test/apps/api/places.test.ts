import { expect } from 'chai';
import { jurisdictionGroups } from '../../../engine/identity/demo-jurisdictions';
import { placeCodesUnder, placeNamesOf, placesOf } from '../../../apps/api/places';

describe("the apps' places (jurisdictions) by name", function () {
  it("names the demo directory's places, each city followed by its districts under their own names, with the codes each place's filter covers", function () {
    expect(placesOf({ allGroups: () => jurisdictionGroups() })).to.deep.equal([
      { code: '370100', name: '济南市', fullName: '济南市', cityCode: '370100', covers: ['370100', '370102'] },
      { code: '370102', name: '历下区', fullName: '济南市历下区', cityCode: '370100', covers: ['370102'] },
      { code: '370200', name: '青岛市', fullName: '青岛市', cityCode: '370200', covers: ['370200', '370202'] },
      { code: '370202', name: '市南区', fullName: '青岛市市南区', cityCode: '370200', covers: ['370202'] },
    ]);
  });

  it('offers no places for a directory without jurisdiction groups (no place filter then)', function () {
    expect(placesOf({ allGroups: () => [{ id: 'market-regulation', name: '市场监管局' }] })).to.deep.equal([]);
    expect(placesOf(undefined)).to.deep.equal([]);
  });

  it('lets a city cover its districts and a district only itself', function () {
    expect(placeCodesUnder('370100')).to.deep.equal(['370100', '370102']);
    expect(placeCodesUnder('370202')).to.deep.equal(['370202']);
  });

  it("names the places of a case's departments, supervisors' groups included, and ignores groups of no place", function () {
    expect(placeNamesOf(['natural-resources-370202-supervisors', 'approval-service-370200', 'market-regulation', 'service-commissioners-12370000mb1234567x'])).to.deep.equal(['青岛市', '青岛市市南区']);
  });
});
