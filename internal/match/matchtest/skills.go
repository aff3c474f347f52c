package matchtest

import "zugong/internal/person"

// Skills lists skill names by category, written as talents in a county of
// the Central Plains write them: families of names share their terms
// (水产养殖, 生猪养殖; 农村电商运营, 跨境电商), which is what matching on
// terms must handle.
var Skills = map[person.TalentCategory][]string{
	person.TalentRural: {
		"水产养殖", "生猪养殖", "肉牛养殖", "蛋鸡养殖", "肉羊养殖", "特种养殖", "稻虾共养",
		"花生种植", "小麦种植", "芝麻种植", "大棚蔬菜种植", "中药材种植", "茶叶种植", "食用菌栽培", "果树栽培",
		"农机操作", "农机维修", "植保飞防", "测土配方施肥", "农产品加工", "农产品电商", "农村电商运营",
		"直播带货", "畜牧兽医", "动物疫病防治", "冷链物流", "乡村旅游", "农家乐经营", "手工编织", "土地流转管理",
	},
	person.TalentSkilled: {
		"电焊", "氩弧焊", "电工", "高压电工", "数控车床", "数控编程", "汽车维修", "新能源汽车维修",
		"建筑施工", "钢筋工", "砌筑", "装修装饰", "中式烹调", "面点制作", "家政服务", "育婴",
		"电子装配", "机械维修", "模具制造", "叉车驾驶", "服装缝纫", "美容美发",
	},
	person.TalentProfessional: {
		"中小学教育", "学前教育", "职业教育", "临床医学", "中医针灸", "护理", "康复护理", "会计", "审计",
		"农艺", "园艺", "城乡规划设计", "建筑设计", "法律咨询", "软件开发", "Java开发", "Python数据分析",
		"网络安全", "食品检测", "环境监测", "水利工程", "畜牧兽医",
	},
	person.TalentManagement: {
		"企业管理", "市场营销", "电商运营", "跨境电商", "物流管理", "供应链管理", "财务管理",
		"人力资源管理", "品牌策划", "招商引资", "项目管理", "连锁经营", "网络营销",
	},
	person.TalentSocialWork: {
		"社会工作", "养老服务", "社区治理", "矛盾调解", "心理辅导", "志愿服务组织", "残疾人康复", "儿童关爱", "公益项目策划",
	},
	person.TalentParty: {
		"党建工作", "行政管理", "乡村治理", "招商引资", "政策研究", "公文写作", "基层组织建设",
	},
}

// Terms are the short terms projects ask for, each found inside several
// skill names: a project that asks for 养殖 should find the 水产养殖 and the
// 生猪养殖 talents alike. 焊 is one character, as people write it.
var Terms = []string{
	"养殖", "种植", "电商", "维修", "焊", "数控", "兽医", "管理", "设计", "护理",
	"教育", "营销", "直播", "物流", "电工", "调解", "施工", "农机", "康复", "治理",
}
