package seed

// The fixed vocabulary the generated data set draws from. Slices, not maps,
// so that the order of every draw stays fixed.

type channelSpec struct {
	code, name, description string
	share                   int  // percent of the dealers
	distributors            bool // has tier-1 distributors
	manager                 string
}

var channelSpecs = []channelSpec{
	{"RETAIL", "Retail", "Hardware stores and tool shops, served directly or through regional distributors.", 55, true, "Liu Yang"},
	{"KEY", "Key accounts", "Construction firms and industrial buyers under framework agreements.", 15, true, "Wang Fang"},
	{"ECOM", "E-commerce", "Online shops and marketplace sellers.", 20, false, "Zhang Wei"},
	{"PROJ", "Projects & installers", "Installers and fit-out contractors buying for their sites.", 10, true, "Li Na"},
}

type regionSpec struct {
	code, name, hub string
	cities          []string
}

// regions hold a territory per city: 64 in all.
var regions = []regionSpec{
	{"NC", "North China", "Langfang hub", []string{"Beijing", "Tianjin", "Shijiazhuang", "Tangshan", "Baoding", "Taiyuan", "Hohhot", "Handan"}},
	{"NE", "Northeast China", "Shenyang hub", []string{"Shenyang", "Dalian", "Changchun", "Harbin", "Anshan", "Jilin", "Daqing", "Qiqihar"}},
	{"EC", "East China", "Kunshan hub", []string{"Shanghai", "Hangzhou", "Nanjing", "Suzhou", "Ningbo", "Hefei", "Jinan", "Qingdao"}},
	{"SE", "Southeast China", "Xiamen hub", []string{"Fuzhou", "Xiamen", "Quanzhou", "Nanchang", "Wenzhou", "Ganzhou", "Putian", "Zhangzhou"}},
	{"SC", "South China", "Dongguan hub", []string{"Guangzhou", "Shenzhen", "Dongguan", "Foshan", "Nanning", "Haikou", "Zhuhai", "Liuzhou"}},
	{"CC", "Central China", "Wuhan hub", []string{"Wuhan", "Changsha", "Zhengzhou", "Luoyang", "Yichang", "Xiangyang", "Zhuzhou", "Kaifeng"}},
	{"SW", "Southwest China", "Chengdu hub", []string{"Chengdu", "Chongqing", "Kunming", "Guiyang", "Mianyang", "Zunyi", "Lhasa", "Nanchong"}},
	{"NW", "Northwest China", "Xi'an hub", []string{"Xi'an", "Lanzhou", "Urumqi", "Yinchuan", "Xining", "Baoji", "Xianyang", "Karamay"}},
}

type categorySpec struct {
	name, prefix string
	lo, hi       int64 // list price range, whole CNY
	bases        []string
}

var categories = []categorySpec{
	{"Drills & Drivers", "DR", 399, 1999, []string{"Brushless Drill Driver", "Impact Driver", "Combi Hammer Drill", "Impact Wrench", "Compact Drill Driver", "Rotary Hammer", "Paddle Mixer", "Screwdriver"}},
	{"Saws", "SW", 599, 3999, []string{"Circular Saw", "Jigsaw", "Reciprocating Saw", "Plunge Saw", "Sliding Mitre Saw", "Table Saw", "Band Saw", "Multi-Tool"}},
	{"Grinders & Sanders", "GS", 299, 1499, []string{"Angle Grinder", "Random Orbit Sander", "Belt Sander", "Detail Sander", "Planer", "Die Grinder", "Polisher", "Wall Sander"}},
	{"Batteries & Chargers", "BC", 299, 1499, []string{"Battery 2.0Ah", "Battery 4.0Ah", "Battery 5.0Ah", "High-Output Battery", "Rapid Charger", "Dual-Port Charger", "Starter Kit", "Power Adapter"}},
	{"Outdoor Power", "OP", 799, 3499, []string{"Lawn Mower", "Hedge Trimmer", "String Trimmer", "Leaf Blower", "Chainsaw", "Pressure Washer", "Pole Saw", "Tiller"}},
	{"Measuring", "MS", 199, 2999, []string{"Laser Distance Meter", "Line Laser", "Rotary Laser", "Digital Level", "Wall Scanner", "Moisture Meter", "Thermal Detector", "Tripod"}},
	{"Accessories", "AC", 59, 399, []string{"Drill Bit Set", "Screwdriver Bit Set", "Cutting Discs", "Sanding Discs", "Tool Bag", "Tool Case", "Saw Blade", "Hole Saw Set"}},
	{"Workshop", "WS", 499, 4999, []string{"Workbench", "Dust Extractor", "Compressor", "Bench Grinder", "Drill Press", "Welder", "Heat Gun", "Glue Gun"}},
}

// variants tell the products of one base apart.
var variants = []string{"12V", "18V", "18V Pro", "36V", "Compact", "Heavy Duty", "Xpress", "Site", "Max", "Lite"}

var (
	surnames      = []string{"Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Zhao", "Huang", "Zhou", "Wu", "Xu", "Sun", "Hu", "Zhu", "Gao", "Lin", "He", "Guo", "Ma", "Luo"}
	givenNames    = []string{"Wei", "Fang", "Na", "Min", "Jing", "Lei", "Qiang", "Yan", "Jun", "Yong", "Jie", "Tao", "Ming", "Hui", "Xin", "Ping", "Gang", "Hong", "Lan", "Bo"}
	primaryTitles = []string{"General Manager", "Owner", "Managing Director"}
	mobilePrefix  = []string{"133", "135", "136", "138", "139", "150", "158", "186", "189"}
	paymentTerms  = []int{30, 30, 45, 60}
	dealerWords   = []string{"Hardware", "Tools", "Supply", "Trading", "Building Materials", "Industrial", "Machinery", "Home Centre", "Tool Centre", "Equipment"}
	dealerEnds    = []string{"Co.", "Ltd.", "Group", "Store", "Depot", "Mart", "Works", "Centre"}
	onlineWords   = []string{"Mall", "Direct", "Box", "Hub", "Express", "Outlet", "Online", "Shop"}
)
