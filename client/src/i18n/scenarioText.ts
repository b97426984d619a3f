/**
 * Scenario data in other languages: scenario names and descriptions, region names and the scripted
 * headlines of the history presets, keyed by id (headlines by their English text, which is what the
 * state stores). English reads the scenario itself; test/client/i18n/scenarioText.test.ts fails when
 * a preset gains a name, region or headline with no Arabic here.
 */

export interface ScenarioText {
  scenarios: Readonly<Record<string, { name: string; description: string }>>;
  regions: Readonly<Record<string, string>>;
  headlines: Readonly<Record<string, string>>;
}

export const SCENARIO_TEXT_AR: ScenarioText = {
  scenarios: {
    'halving-sprint': {
      name: 'سباق التنصيف (مارس–يونيو 2024)',
      description: 'سبعة أسابيع حتى تنصيف أبريل 2024 وعشرة أسابيع بعده: هل تصمد أجهزة تعدينك أمام نصف الإيراد؟',
    },
    'history-2023-2025': {
      name: 'التاريخ 2023–2024',
      description: 'عامان حقيقيان: تعافي 2023، وصناديق المؤشرات، وتنصيف أبريل 2024، وطفرة الذكاء الاصطناعي وانهيار إيجار المعالجات الرسومية.',
    },
    'crypto-winter-2022': {
      name: 'شتاء العملات المشفّرة 2022',
      description: 'عام من الانهيارات: لونا وسيلسيوس و3AC وFTX. رافعة مالية اشتُريت في القمة تلاقي سعر الهاش في القاع.',
    },
    sandbox: {
      name: 'صندوق الرمل',
      description: 'عام حرّ: الأسعار تتبع الاتجاه والأنظمة لا التاريخ. مناسب للروبوتات والتجارب.',
    },
  },
  regions: {
    texas: 'تكساس (ERCOT)',
    quebec: 'كيبك (طاقة مائية)',
    nordics: 'بلدان الشمال',
    kazakhstan: 'كازاخستان',
    nova: 'فرجينيا الشمالية',
  },
  headlines: {
    'A cheap open model matches frontier labs': 'نموذج مفتوح رخيص يضاهي المختبرات الرائدة',
    'B200 volume shipments begin': 'بدء شحن B200 بكميات كبيرة',
    'Bitmain ships the S19 XP at 21.5 J/TH': 'Bitmain تشحن S19 XP بكفاءة 21.5 J/TH',
    'Bitmain ships the S21 XP at 13.5 J/TH': 'Bitmain تشحن S21 XP بكفاءة 13.5 J/TH',
    'Celsius freezes withdrawals': 'Celsius تجمّد السحوبات',
    'ChatGPT launches and gets a million users in five days': 'إطلاق ChatGPT ومليون مستخدم في خمسة أيام',
    'Core Scientific files for Chapter 11': 'Core Scientific تطلب الحماية من الإفلاس',
    'FTX halts withdrawals; Binance walks away from a rescue': 'FTX توقف السحوبات وBinance تتخلى عن الإنقاذ',
    'Fed cuts rates by 50 bp': 'الاحتياطي الفدرالي يخفض الفائدة 50 نقطة أساس',
    'Fed hikes 75 bp, the most since 1994': 'الاحتياطي الفدرالي يرفع الفائدة 75 نقطة أساس، الأكبر منذ 1994',
    'Fed hikes another 75 bp': 'الاحتياطي الفدرالي يرفع الفائدة 75 نقطة أساس أخرى',
    'Fed starts hiking: +25 bp': 'الاحتياطي الفدرالي يبدأ الرفع: +25 نقطة أساس',
    'GPT-4 released: every lab wants H100s': 'إطلاق GPT-4: كل مختبر يريد H100',
    'GPU clouds report idle H100 capacity': 'سحب المعالجات الرسومية تعلن سعة H100 خاملة',
    'Hyperscalers raise AI capex again': 'الشركات العملاقة ترفع إنفاقها الرأسمالي على الذكاء الاصطناعي مجددًا',
    'Kazakhstan shuts down the internet during unrest; miners go dark': 'كازاخستان تقطع الإنترنت أثناء الاضطرابات؛ المعدّنون يتوقفون',
    'Llama 2 ships with open weights': 'إطلاق Llama 2 بأوزان مفتوحة',
    'NVIDIA H100 enters full production': 'NVIDIA H100 يدخل الإنتاج الكامل',
    'Ordinals mania: fees spike': 'هوس Ordinals: الرسوم تقفز',
    'Runes launch at the halving: fees explode': 'إطلاق Runes مع التنصيف: الرسوم تنفجر',
    'SEC approves spot bitcoin ETFs': 'هيئة الأوراق المالية توافق على صناديق بيتكوين الفورية',
    'Silicon Valley Bank fails; crypto-friendly banks wobble': 'انهيار بنك سيليكون فالي؛ البنوك الصديقة للعملات المشفّرة تترنح',
    'TerraUSD loses its peg; Luna collapses': 'TerraUSD يفقد ربطه؛ لونا تنهار',
    'Texas heatwave: ERCOT asks miners to curtail': 'موجة حر في تكساس: ERCOT تطلب من المعدّنين خفض الاستهلاك',
    'Texas heatwave: ERCOT prices spike': 'موجة حر في تكساس: أسعار ERCOT تقفز',
    'Winter Storm Elliott: Texas miners power down': 'عاصفة إليوت الشتوية: معدّنو تكساس يطفئون أجهزتهم',
  },
};
