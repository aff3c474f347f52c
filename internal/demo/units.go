package demo

import "fmt"

// size is how many party members a unit has, which decides its party
// organisation (DOMAIN.md §3).
type size int

const (
	small  size = iota // a branch
	medium             // a general branch, sometimes a branch
	large              // a committee
)

// template is a county-level unit. In name, %s is the county's name (正阳县);
// in short, the county's level (县 or 区); short defaults to name.
type template struct {
	name, short string
	year        int // founded in or a few years after
	size        size
	must        bool   // every county has it
	under       string // name of the supervising office, "" for the county
	labels      []string
}

func (t template) names(county, level string) (name, short string) {
	s := t.short
	if s == "" {
		s = t.name
	}
	return fmt.Sprintf(t.name, county), fmt.Sprintf(s, level)
}

// Branch labels of committees.
var (
	hospitalBranches   = []string{"内科党支部", "外科党支部", "医技党支部", "护理党支部", "行政后勤党支部", "离退休党支部"}
	highSchoolBranches = []string{"高一年级党支部", "高二年级党支部", "高三年级党支部", "行政后勤党支部", "离退休教师党支部"}
	policeBranches     = []string{"机关党支部", "治安管理大队党支部", "刑事侦查大队党支部", "交通管理大队党支部", "城关派出所党支部", "看守所党支部", "离退休党支部"}
	educationBranches  = []string{"机关党支部", "教学研究室党支部", "招生办公室党支部", "学生资助管理中心党支部", "离退休党支部"}
	farmBranches       = []string{"机关第一党支部", "机关第二党支部", "农业综合行政执法大队党支部", "离退休党支部"}
	groupBranches      = []string{"集团机关党支部", "城建公司党支部", "置业公司党支部", "物业公司党支部", "离退休党支部"}
)

// Supervising offices named by institutions and schools.
const (
	health      = "%s卫生健康委员会"
	education   = "%s教育局"
	agriculture = "%s农业农村局"
	culture     = "%s文化广电和旅游局"
	welfare     = "%s民政局"
	labour      = "%s人力资源和社会保障局"
	land        = "%s自然资源局"
	housing     = "%s住房和城乡建设局"
	transport   = "%s交通运输局"
	justice     = "%s司法局"
	urban       = "%s城市管理局"
	veterans    = "%s退役军人事务局"
)

// offices are the party, government, legislative, judicial and mass
// organisations of a Henan county after the 2019 institutional reform. The
// year of a reformed office is that of its oldest predecessor (卫健委: the
// 卫生科 of 1949), so that the units under it are not younger than it.
var offices = []template{
	{name: "%s委办公室", year: 1949, size: medium, must: true},
	{name: "%s委组织部", year: 1949, must: true},
	{name: "%s委宣传部", year: 1949, must: true},
	{name: "%s委统一战线工作部", short: "%s委统战部", year: 1950, must: true},
	{name: "%s委政法委员会", short: "%s委政法委", year: 1980, must: true},
	{name: "%s委政策研究室", year: 1984},
	{name: "%s委机构编制委员会办公室", short: "%s委编办", year: 1991},
	{name: "%s委网络安全和信息化委员会办公室", short: "%s委网信办", year: 2015},
	{name: "%s委巡察工作领导小组办公室", short: "%s委巡察办", year: 2017},
	{name: "%s委社会工作部", year: 2024},
	{name: "%s委老干部局", year: 1983},
	{name: "%s纪委监委", year: 1950, size: medium, must: true},
	{name: "%s人大常委会办公室", year: 1981, must: true},
	{name: "%s政协办公室", year: 1981, must: true},
	{name: "%s人民政府办公室", short: "%s政府办公室", year: 1949, size: medium, must: true},
	{name: "%s发展和改革委员会", short: "%s发展改革委", year: 1954, size: medium, must: true},
	{name: education, year: 1949, size: large, must: true, labels: educationBranches},
	{name: "%s科学技术和工业信息化局", short: "%s科工信局", year: 1958},
	{name: "%s公安局", year: 1949, size: large, must: true, labels: policeBranches},
	{name: welfare, year: 1949, must: true},
	{name: justice, year: 1980, must: true},
	{name: "%s财政局", year: 1949, size: medium, must: true},
	{name: labour, short: "%s人社局", year: 1950, size: medium, must: true},
	{name: land, year: 1953, size: medium, must: true},
	{name: housing, short: "%s住建局", year: 1983, size: medium, must: true},
	{name: transport, year: 1956, size: medium, must: true},
	{name: "%s水利局", year: 1956, size: medium, must: true},
	{name: agriculture, year: 1949, size: large, must: true, labels: farmBranches},
	{name: "%s商务局", year: 1985},
	{name: culture, short: "%s文广旅局", year: 1950, must: true},
	{name: health, short: "%s卫健委", year: 1949, size: medium, must: true},
	{name: veterans, year: 2019, must: true},
	{name: "%s应急管理局", year: 2005},
	{name: "%s审计局", year: 1984},
	{name: "%s市场监督管理局", short: "%s市场监管局", year: 1953, size: medium, must: true},
	{name: "%s统计局", year: 1955},
	{name: "%s医疗保障局", short: "%s医保局", year: 2019},
	{name: "%s林业局", year: 1958},
	{name: urban, year: 2005, must: true},
	{name: "%s信访局", year: 1980},
	{name: "%s政务服务和大数据管理局", year: 2012},
	{name: "%s粮食和物资储备局", year: 1952},
	{name: "%s机关事务管理局", year: 1990},
	{name: "%s经济开发区管理委员会", short: "%s经开区管委会", year: 2009},
	{name: "国家税务总局%s税务局", short: "%s税务局", year: 1994, size: medium},
	{name: "%s气象局", year: 1958},
	{name: "%s人民法院", year: 1950, size: medium, must: true},
	{name: "%s人民检察院", year: 1950, size: medium, must: true},
	{name: "%s总工会", year: 1950},
	{name: "共青团%s委员会", short: "团%s委", year: 1950},
	{name: "%s妇女联合会", short: "%s妇联", year: 1950},
	{name: "%s科学技术协会", short: "%s科协", year: 1980},
	{name: "%s文学艺术界联合会", short: "%s文联", year: 1984},
	{name: "%s残疾人联合会", short: "%s残联", year: 1990},
	{name: "%s工商业联合会", short: "%s工商联", year: 1953},
	{name: "%s红十字会", year: 1995},
	{name: "%s供销合作社联合社", short: "%s供销社", year: 1952},
}

// institutions are public service units (事业单位), most under an office.
var institutions = []template{
	{name: "中共%s委党校", short: "%s委党校", year: 1956, size: medium, must: true},
	{name: "%s融媒体中心", year: 2018, size: medium, must: true, under: "%s委宣传部"},
	{name: "%s档案馆", year: 1958},
	{name: "%s委党史和地方史志研究室", short: "%s委史志研究室", year: 1985},
	{name: "%s人民医院", year: 1950, size: large, must: true, under: health, labels: hospitalBranches},
	{name: "%s中医院", year: 1958, size: large, must: true, under: health, labels: hospitalBranches},
	{name: "%s妇幼保健院", year: 1953, size: medium, under: health},
	{name: "%s疾病预防控制中心", year: 1953, size: medium, must: true, under: health},
	{name: "%s第二人民医院", year: 1970, size: medium, under: health},
	{name: "%s第三人民医院", year: 1980, under: health},
	{name: "%s卫生健康监督所", year: 2005, under: health},
	{name: "%s图书馆", year: 1978, under: culture},
	{name: "%s文化馆", year: 1952, under: culture},
	{name: "%s博物馆", year: 1985, under: culture},
	{name: "%s豫剧团", year: 1956, under: culture},
	{name: "%s农业技术推广中心", year: 1955, size: medium, under: agriculture},
	{name: "%s畜牧技术服务中心", year: 1958, under: agriculture},
	{name: "%s动物疫病预防控制中心", year: 2005, under: agriculture},
	{name: "%s农村经济经营管理站", year: 1980, under: agriculture},
	{name: "%s种子管理站", year: 1960, under: agriculture},
	{name: "%s植物保护植物检疫站", year: 1975, under: agriculture},
	{name: "%s林业技术推广站", year: 1980, under: "%s林业局"},
	{name: "%s水利工程建设管理站", year: 1980, under: "%s水利局"},
	{name: "%s不动产登记中心", year: 2016, under: land},
	{name: "%s土地储备中心", year: 2005, under: land},
	{name: "%s公共资源交易中心", year: 2012, under: "%s政务服务和大数据管理局"},
	{name: "%s社会保险中心", year: 2001, under: labour},
	{name: "%s就业创业服务中心", year: 2005, under: labour},
	{name: "%s劳动人事争议仲裁院", year: 2010, under: labour},
	{name: "%s救助管理站", year: 2003, under: welfare},
	{name: "%s社会福利中心", year: 1985, under: welfare},
	{name: "%s殡仪馆", year: 1975, under: welfare},
	{name: "%s烈士陵园管理所", year: 1960, under: veterans},
	{name: "%s退役军人服务中心", year: 2019, under: veterans},
	{name: "%s环境卫生服务中心", year: 1985, under: urban},
	{name: "%s园林绿化中心", year: 1995, under: urban},
	{name: "%s住房保障服务中心", year: 2010, under: housing},
	{name: "%s建设工程质量安全监督站", year: 1990, under: housing},
	{name: "%s公路事业发展中心", year: 1956, size: medium, under: transport},
	{name: "%s道路运输服务中心", year: 1985, under: transport},
	{name: "%s招商服务中心", year: 2010, under: "%s商务局"},
	{name: "%s统计普查中心", year: 2019, under: "%s统计局"},
	{name: "%s公证处", year: 1981, under: justice},
	{name: "%s法律援助中心", year: 2000, under: justice},
	{name: "%s医疗保障服务中心", year: 2019, under: "%s医疗保障局"},
	{name: "%s检验检测中心", year: 2015, under: "%s市场监督管理局"},
	{name: "%s应急救援保障中心", year: 2020, under: "%s应急管理局"},
	{name: "%s老年大学", year: 1990, under: "%s委老干部局"},
	{name: "%s青少年活动中心", year: 1995, under: "共青团%s委员会"},
	{name: "%s妇女儿童活动中心", year: 2000, under: "%s妇女联合会"},
	{name: "%s科技馆", year: 2015, under: "%s科学技术协会"},
	{name: "%s教师发展中心", year: 1956, under: education},
}

// schools are the county's own schools; numbered primary, junior and
// kindergarten series are added to them (see numberedSchools).
var schools = []template{
	{name: "%s第一高级中学", year: 1950, size: large, must: true, under: education, labels: highSchoolBranches},
	{name: "%s第二高级中学", year: 1958, size: large, must: true, under: education, labels: highSchoolBranches},
	{name: "%s第三高级中学", year: 1970, size: medium, under: education},
	{name: "%s实验高级中学", year: 2005, size: medium, under: education},
	{name: "%s职业教育中心", year: 1985, size: medium, must: true, under: education},
	{name: "%s实验中学", year: 1998, size: medium, under: education},
	{name: "%s实验小学", year: 1952, size: medium, under: education},
	{name: "%s第二实验小学", year: 2008, under: education},
	{name: "%s特殊教育学校", year: 2010, under: education},
	{name: "%s实验幼儿园", year: 1980, under: education},
}

// series are the numbered schools, with how many a county may have.
var series = []struct {
	format string // %s county, then the numeral
	max    int
	year   int // of the first; each next one about four years later
}{
	{"%s第%s小学", 12, 1956},
	{"%s第%s初级中学", 8, 1965},
	{"%s第%s幼儿园", 6, 1985},
}

// stateEnterprises are owned by the county, or by the state and based there.
var stateEnterprises = []template{
	{name: "%s投资集团有限公司", short: "%s投资集团", year: 2012, size: large, must: true, labels: groupBranches},
	{name: "%s城市建设投资有限公司", short: "%s城投公司", year: 2009, size: medium, must: true},
	{name: "%s农业发展投资集团有限公司", short: "%s农投集团", year: 2016, size: medium},
	{name: "%s交通建设投资有限公司", short: "%s交投公司", year: 2014},
	{name: "%s水务投资有限公司", short: "%s水投公司", year: 2013, size: medium},
	{name: "%s国有资本运营有限公司", short: "%s国资运营公司", year: 2018},
	{name: "%s文化旅游投资有限公司", short: "%s文旅投公司", year: 2017},
	{name: "%s国家粮食储备库", short: "%s粮库", year: 1995, size: medium},
	{name: "%s自来水有限公司", short: "%s自来水公司", year: 1995},
	{name: "%s公共交通有限公司", short: "%s公交公司", year: 2008},
	{name: "%s产业投资发展有限公司", short: "%s产投公司", year: 2019},
	{name: "%s供销农业服务有限公司", short: "%s供销农服公司", year: 2016},
	{name: "%s热力有限公司", short: "%s热力公司", year: 2015},
	{name: "%s城市管理运营有限公司", short: "%s城运公司", year: 2020},
	{name: "国网%s供电公司", short: "%s供电公司", year: 1995, size: large},
	{name: "中国邮政集团有限公司%s分公司", short: "%s邮政分公司", year: 1998, size: medium},
}

// socialOrgs are county-wide associations and foundations (社会团体).
var socialOrgs = []template{
	{name: "%s个体私营经济协会", year: 1990, must: true},
	{name: "%s慈善总会", year: 2005, must: true},
	{name: "%s企业家协会", year: 2006},
	{name: "%s青年企业家协会", year: 2012},
	{name: "%s电子商务协会", year: 2016},
	{name: "%s农产品经纪人协会", year: 2009},
	{name: "%s餐饮业协会", year: 2010},
	{name: "%s物流行业协会", year: 2015},
	{name: "%s建筑业协会", year: 2003},
	{name: "%s老年体育协会", year: 1992},
	{name: "%s作家协会", year: 1990},
	{name: "%s书法家协会", year: 1991},
	{name: "%s摄影家协会", year: 1998},
	{name: "%s志愿者协会", year: 2008},
	{name: "%s社会工作者协会", year: 2015},
	{name: "%s老区建设促进会", year: 1995},
	{name: "%s养老服务业协会", year: 2017},
	{name: "%s家庭服务业协会", year: 2014},
	{name: "%s农业产业化协会", year: 2008},
	{name: "%s烹饪协会", year: 2004},
	{name: "%s消费者协会", year: 1994},
	{name: "%s诗词学会", year: 2000},
}
