import{t as e}from"./useTranslation-C_P0klXE.js";import{u as t}from"./usePageTitle-Df7Stdrq.js";import{t as n}from"./jsx-runtime-Wy9s6hX0.js";function r(e,t){if(e.length<=1)return e.join(``);try{return new Intl.ListFormat(t,{style:`long`,type:`conjunction`}).format(e)}catch{return e.join(`, `)}}function i(e,t,n){if(t.all)return e(`audience.all`);let i=e=>r(e,n),a=[...t.tiers].sort((e,t)=>e-t),o=a.length>0||t.channels.length>0||t.territories.length>0?e(`audience.group`,{tiers:a.length?e(`audience.tiers`,{list:i(a.map(t=>e([`audience.tierNames.${t}`,`audience.tier`],{n:t})))}):``,channels:t.channels.length?e(`audience.channels`,{list:i(t.channels.map(e=>e.name))}):``,territories:t.territories.length?e(`audience.territories`,{list:i(t.territories.map(e=>e.name))}):``}):``,s=i(t.dealers.map(e=>e.name));return o&&s?e(`audience.groupAndDealers`,{group:o,dealers:s}):o||s||e(`audience.nobody`)}var a=n();t(`
  fragment AudienceFields on Audience {
    all
    tiers
    channels {
      id
      name
    }
    territories {
      id
      name
    }
    dealers {
      id
      name
    }
  }
`);function o({audience:t}){let{t:n,i18n:r}=e();return(0,a.jsx)(`span`,{className:`audience`,children:i(n,t,r.language===`zh`?`zh-CN`:`en`)})}export{i as n,o as t};