import { number, object, string } from 'yup';
import { defineWorker } from '../define-worker';
import { resolveHousingFund } from '../external/housing-fund';

/** Housing-provident-fund employer account, opened immediately by the city centre. */
export default defineWorker({
  type: 'enterprise-housing-fund-registration',
  description: 'Opens the enterprise’s housing-provident-fund deposit account (immediate)',
  input: object({
    uscc: string().length(18).required(),
    enterpriseName: string().required(),
    housingFundRate: number().min(5).max(12).required(),
  }),
  output: object({ housingFundAccount: object({ accountNumber: string().required() }).required() }),
  async handle(input, { config }) {
    const account = await resolveHousingFund(config).openEmployerAccount({ uscc: input.uscc, enterpriseName: input.enterpriseName, depositRatePercent: input.housingFundRate });
    return { housingFundAccount: account };
  },
});
